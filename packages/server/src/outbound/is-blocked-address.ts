import { isInIpRange, parseIpRange } from "./ip-range.js";
import { parseIpAddress } from "./parse-ip-address.js";

/** The verdict on one address; `reason` reads after a comma: "10.0.0.5, a private address". */
export interface BlockedAddressVerdict {
  blocked: boolean;
  reason?: string;
}

// Order matters: the first match names the reason, so specific ranges come before wide ones.
const blockedRanges = [
  ["169.254.169.254/32", "the cloud metadata address"],
  ["255.255.255.255/32", "the broadcast address"],
  ["0.0.0.0/8", "a 'this network' address"],
  ["10.0.0.0/8", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["127.0.0.0/8", "a loopback address"],
  ["169.254.0.0/16", "a link-local address"],
  ["172.16.0.0/12", "a private address"],
  ["192.0.0.0/24", "an IETF protocol address"],
  ["192.0.2.0/24", "a documentation address"],
  ["192.88.99.0/24", "a 6to4 relay address"],
  ["192.168.0.0/16", "a private address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["198.51.100.0/24", "a documentation address"],
  ["203.0.113.0/24", "a documentation address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved address"],
  ["::/128", "the unspecified address"],
  ["::1/128", "a loopback address"],
  // Every form that carries an IPv4 address inside IPv6 is refused outright: judging the embedded
  // address correctly per form is where other projects' checks went wrong.
  ["::ffff:0:0/96", "an IPv4-mapped address"],
  ["::ffff:0:0:0/96", "an IPv4-translated address"],
  ["::/96", "an IPv4-compatible address"],
  ["64:ff9b::/96", "a NAT64 address"],
  ["64:ff9b:1::/48", "a NAT64 address"],
  ["2002::/16", "a 6to4 address"],
  ["2001::/32", "a Teredo address"],
  ["2001:db8::/32", "a documentation address"],
  ["3fff::/20", "a documentation address"],
  ["2001::/23", "an IETF protocol address"],
  ["100::/64", "a discard address"],
  ["fc00::/7", "a unique local (private) address"],
  ["fe80::/10", "a link-local address"],
  ["fec0::/10", "a site-local address"],
  ["ff00::/8", "a multicast address"],
].map(([cidr = "", reason = ""]) => ({ range: parseIpRange(cidr), reason }));

// Only 2000::/3 is allocated for global unicast; anything else in IPv6 is reserved or special.
const globalUnicastIpv6 = parseIpRange("2000::/3");

/**
 * Whether an outbound connection to this IP address must be refused because it can reach the
 * platform's own network (private, loopback, link-local, metadata, reserved, or IPv4 hidden in
 * IPv6). Text that is not a strict IP address is refused too, so a parsing gap fails closed.
 */
export function isBlockedAddress(ip: string): BlockedAddressVerdict {
  const address = parseIpAddress(ip);
  if (!address) return { blocked: true, reason: "not a valid IP address" };
  const match = blockedRanges.find(({ range }) => isInIpRange(address, range));
  if (match) return { blocked: true, reason: `${match.reason} (${match.range.cidr})` };
  if (address.version === 6 && !isInIpRange(address, globalUnicastIpv6)) {
    return { blocked: true, reason: "not a global unicast address" };
  }
  return { blocked: false };
}
