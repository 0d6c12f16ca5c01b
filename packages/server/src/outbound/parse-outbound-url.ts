import { isIP } from "node:net";
import { OutboundError } from "./outbound-error.js";

/** The parts of a user-supplied URL the client needs, after the checks every URL must pass. */
export interface OutboundTarget {
  protocol: "http:" | "https:";
  /** Lowercase, without IPv6 brackets or a trailing dot. */
  hostname: string;
  /** The effective port, default ports filled in. */
  port: number;
  /** What the Host header carries: the URL's host as written (brackets and non-default port). */
  hostHeader: string;
  /** Path and query, sent as the request target. */
  path: string;
  isIpLiteral: boolean;
  isIpv6Literal: boolean;
}

/**
 * Parses with WHATWG rules, which also normalise odd IPv4 spellings (2130706433, 0177.0.0.1,
 * 0x7f.1) to dotted form before any check. Refuses other schemes and URLs with credentials.
 */
export function parseOutboundUrl(text: string): OutboundTarget {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text itself is not echoed: a malformed URL may still carry a password or token.
    throw new OutboundError("invalid_url", "the URL could not be parsed; check it for typos");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundError(
      "invalid_url",
      `only http and https URLs are supported, not ${url.protocol}`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new OutboundError(
      "invalid_url",
      "the URL must not contain a user name or password; remove them from the URL",
    );
  }
  const isIpv6Literal = url.hostname.startsWith("[");
  const hostname = (isIpv6Literal ? url.hostname.slice(1, -1) : url.hostname).replace(/\.$/, "");
  const defaultPort = url.protocol === "https:" ? 443 : 80;
  return {
    protocol: url.protocol,
    hostname,
    port: url.port === "" ? defaultPort : Number(url.port),
    hostHeader: url.host,
    path: `${url.pathname}${url.search}`,
    isIpLiteral: isIP(hostname) !== 0,
    isIpv6Literal,
  };
}
