import { isIPv4, isIPv6 } from "node:net";

/** An IP address as raw bytes: 4 for IPv4, 16 for IPv6. */
export interface IpAddress {
  version: 4 | 6;
  bytes: Uint8Array;
}

/**
 * Parses a strict dotted-quad IPv4 or any valid IPv6 text (brackets and a `%zone` suffix allowed)
 * into bytes, so ranges are compared as numbers rather than strings. Returns undefined otherwise.
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  const unbracketed = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const address = unbracketed.split("%")[0] ?? "";
  if (isIPv4(address)) return { version: 4, bytes: parseIpv4(address) };
  if (isIPv6(address)) return { version: 6, bytes: parseIpv6(address) };
  return undefined;
}

function parseIpv4(address: string): Uint8Array {
  return Uint8Array.from(address.split(".").map(Number));
}

/** Expects text already validated by `isIPv6`. */
function parseIpv6(address: string): Uint8Array {
  const words = expandIpv6Words(replaceIpv4Tail(address));
  const bytes = new Uint8Array(16);
  words.forEach((word, index) => {
    bytes[index * 2] = word >> 8;
    bytes[index * 2 + 1] = word & 0xff;
  });
  return bytes;
}

/** Rewrites a trailing dotted IPv4 part (`::ffff:1.2.3.4`) as two hex words. */
function replaceIpv4Tail(address: string): string {
  const lastColon = address.lastIndexOf(":");
  const tail = address.slice(lastColon + 1);
  if (!tail.includes(".")) return address;
  const [a = 0, b = 0, c = 0, d = 0] = parseIpv4(tail);
  const high = ((a << 8) | b).toString(16);
  const low = ((c << 8) | d).toString(16);
  return `${address.slice(0, lastColon + 1)}${high}:${low}`;
}

function expandIpv6Words(address: string): number[] {
  const toWords = (part: string) =>
    part === "" ? [] : part.split(":").map((w) => parseInt(w, 16));
  const [head = "", tail] = address.split("::");
  if (tail === undefined) return toWords(head);
  const headWords = toWords(head);
  const tailWords = toWords(tail);
  const zeros = new Array<number>(8 - headWords.length - tailWords.length).fill(0);
  return [...headWords, ...zeros, ...tailWords];
}
