import type { Context } from "hono";
import { isInIpRange, parseIpRange, type IpRange } from "../outbound/ip-range.js";
import { parseIpAddress } from "../outbound/parse-ip-address.js";
import { nodeBindings } from "./node-bindings.js";
import { requestHeader } from "./request-header.js";

/** Finds the address a request came from; see {@link createClientAddressFinder}. */
export type ClientAddressFinder = (context: Context) => string;

/** Whether `entry` is an IP address or a CIDR range, as `PARLOR_TRUSTED_PROXIES` takes them. */
export function isAddressOrRange(entry: string): boolean {
  return toRange(entry) !== undefined;
}

function toRange(entry: string): IpRange | undefined {
  const address = parseIpAddress(entry);
  if (address) return parseIpRange(`${entry}/${address.version === 4 ? 32 : 128}`);
  try {
    return parseIpRange(entry);
  } catch {
    return undefined;
  }
}

/** `::ffff:1.2.3.4` (an IPv4 client of a dual-stack socket) is `1.2.3.4`, so both count as one. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/**
 * The client address is the socket's, unless the socket is a trusted proxy: then it is the
 * right-most `X-Forwarded-For` entry that is not itself a trusted proxy. Entries further left
 * were written by the client and prove nothing.
 */
export function createClientAddressFinder(trustedProxies: readonly string[]): ClientAddressFinder {
  const ranges = trustedProxies.map((entry) => {
    const range = toRange(entry);
    if (!range) throw new Error(`not an IP address or range: ${entry}`);
    return range;
  });
  const isTrusted = (address: string) => {
    const parsed = parseIpAddress(address);
    return parsed !== undefined && ranges.some((range) => isInIpRange(parsed, range));
  };
  return (context) => {
    // Without a socket (the app called in-process, as some tests do), all callers are one.
    const socketAddress = normalize(
      nodeBindings(context).incoming?.socket.remoteAddress ?? "local",
    );
    if (ranges.length === 0 || !isTrusted(socketAddress)) return socketAddress;
    const forwarded = (requestHeader(context, "x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => normalize(entry.trim()))
      .filter(Boolean);
    for (let index = forwarded.length - 1; index >= 0; index--) {
      const hop = forwarded[index]!;
      if (!isTrusted(hop)) return parseIpAddress(hop) ? hop : socketAddress;
    }
    return forwarded[0] ?? socketAddress;
  };
}
