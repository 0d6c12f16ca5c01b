import { parseIpAddress, type IpAddress } from "./parse-ip-address.js";

/** A CIDR block such as `10.0.0.0/8`, parsed once. */
export interface IpRange {
  cidr: string;
  network: IpAddress;
  prefixLength: number;
}

/** Parses `address/prefix`; throws on malformed input because ranges are written in code. */
export function parseIpRange(cidr: string): IpRange {
  const [text = "", prefixText = ""] = cidr.split("/");
  const network = parseIpAddress(text);
  const prefixLength = Number(prefixText);
  if (!network || !Number.isInteger(prefixLength) || prefixLength > network.bytes.length * 8) {
    throw new Error(`invalid IP range ${cidr}`);
  }
  return { cidr, network, prefixLength };
}

/** Whether the address lies in the range; addresses of the other IP version never do. */
export function isInIpRange(address: IpAddress, range: IpRange): boolean {
  if (address.version !== range.network.version) return false;
  for (let bit = 0; bit < range.prefixLength; bit += 8) {
    const remaining = range.prefixLength - bit;
    const mask = remaining >= 8 ? 0xff : (0xff << (8 - remaining)) & 0xff;
    const index = bit / 8;
    if (((address.bytes[index] ?? 0) & mask) !== ((range.network.bytes[index] ?? 0) & mask)) {
      return false;
    }
  }
  return true;
}
