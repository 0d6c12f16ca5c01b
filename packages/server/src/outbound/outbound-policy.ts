import type { PortRange } from "../config/parse-port-ranges.js";
import type { OutboundTarget } from "./parse-outbound-url.js";

/** Which destinations the outbound client may reach; built once from configuration. */
export interface OutboundPolicy {
  /**
   * Exact lowercase `host` or `host:port` entries (IPv6 as `[::1]` or `[::1]:8080`) that may be
   * reached even when they resolve to private or loopback addresses, and over plain http.
   */
  allowedHosts: string[];
  /** An explicit operator switch (off by default): lets 127.0.0.0/8, ::1 and `localhost` through. */
  allowLoopback: boolean;
  /** The only ports a host that is not allowlisted may be reached on; undefined: any port. */
  allowedPorts?: readonly PortRange[] | undefined;
  /** Production: refuses http:// unless the host is in `allowedHosts`. */
  requireHttps: boolean;
}

/**
 * Whether the target's host, or host and port, is listed exactly. Exact matching matters: one
 * allowlisted private host must not open every private address (GitLab #293733).
 */
export function isAllowlisted(
  policy: Pick<OutboundPolicy, "allowedHosts">,
  target: OutboundTarget,
): boolean {
  const host = target.isIpv6Literal ? `[${target.hostname}]` : target.hostname;
  const candidates = [host, `${host}:${target.port}`, target.hostname];
  return candidates.some((candidate) => policy.allowedHosts.includes(candidate));
}
