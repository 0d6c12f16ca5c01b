import { isInIpRange, parseIpRange } from "./ip-range.js";
import { parseIpAddress } from "./parse-ip-address.js";

const loopbackRanges = [parseIpRange("127.0.0.0/8"), parseIpRange("::1/128")];

/**
 * Whether the address is 127.0.0.0/8 or ::1, the addresses `allowLoopback` lets through.
 * IPv4-mapped loopback (::ffff:127.0.0.1) is deliberately not included: no dev setup needs it.
 */
export function isLoopbackAddress(ip: string): boolean {
  const address = parseIpAddress(ip);
  return address !== undefined && loopbackRanges.some((range) => isInIpRange(address, range));
}
