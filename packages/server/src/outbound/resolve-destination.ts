import { isIP } from "node:net";
import { formatPortRanges, isPortInRanges } from "../config/parse-port-ranges.js";
import { isBlockedAddress } from "./is-blocked-address.js";
import { isLoopbackAddress } from "./is-loopback-address.js";
import { OutboundError } from "./outbound-error.js";
import { isAllowlisted, type OutboundPolicy } from "./outbound-policy.js";
import type { OutboundTarget } from "./parse-outbound-url.js";

/** Turns a hostname into its IP addresses; injectable so tests never touch real DNS. */
export type HostnameResolver = (hostname: string) => Promise<string[]>;

const allowHint = "add the host to PARLOR_ALLOWED_BOT_HOSTS to allow it";
const loopbackHint = `${allowHint} (or, on a development machine, set PARLOR_ALLOW_LOOPBACK_BOTS=true)`;

/**
 * Applies the policy and returns the one address to connect to. The hostname is resolved exactly
 * once and every answer is checked, so the connection cannot land on an address nobody checked.
 */
export async function resolveDestination(
  target: OutboundTarget,
  policy: OutboundPolicy,
  resolve: HostnameResolver,
): Promise<string> {
  const allowlisted = isAllowlisted(policy, target);
  if (target.protocol === "http:" && policy.requireHttps && !allowlisted) {
    throw new OutboundError(
      "https_required",
      `http://${target.hostHeader} is refused: use an https:// URL, or ${allowHint}`,
    );
  }
  if (!allowlisted && !isPortInRanges(target.port, policy.allowedPorts)) {
    const ports = formatPortRanges(policy.allowedPorts ?? []);
    throw new OutboundError(
      "port_not_allowed",
      `port ${target.port} of ${target.hostname} is refused: this platform calls only ports ${ports} (PARLOR_ALLOWED_BOT_PORTS); use one of them, or ${allowHint}`,
    );
  }
  if (isLocalhostName(target.hostname) && !policy.allowLoopback && !allowlisted) {
    throw new OutboundError(
      "blocked_address",
      `${target.hostname} is a loopback name; ${loopbackHint}`,
    );
  }
  const addresses = target.isIpLiteral ? [target.hostname] : await lookup(target.hostname, resolve);
  if (!allowlisted) addresses.forEach((address) => checkAddress(target, address, policy));
  const [first] = addresses;
  if (first === undefined) throw noAddressesError(target.hostname);
  return first;
}

function isLocalhostName(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost");
}

async function lookup(hostname: string, resolve: HostnameResolver): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = await resolve(hostname);
  } catch (error) {
    // Fail closed: a failed lookup must never skip the check (GitLab #63959).
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const detail = code ?? (error instanceof Error ? error.message : "unknown error");
    throw new OutboundError("dns_failed", `could not resolve ${hostname} (${detail})`, {
      cause: error,
    });
  }
  if (addresses.length === 0) throw noAddressesError(hostname);
  const invalid = addresses.find((address) => isIP(address) === 0);
  if (invalid !== undefined) {
    throw new OutboundError(
      "dns_failed",
      `${hostname} resolved to "${invalid}", not an IP address`,
    );
  }
  return addresses;
}

function noAddressesError(hostname: string): OutboundError {
  return new OutboundError("dns_failed", `${hostname} does not resolve to any address`);
}

function checkAddress(target: OutboundTarget, address: string, policy: OutboundPolicy): void {
  const loopback = isLoopbackAddress(address);
  if (loopback && policy.allowLoopback) return;
  const verdict = isBlockedAddress(address);
  if (!verdict.blocked) return;
  const reason = verdict.reason ?? "a blocked address";
  const found = target.isIpLiteral
    ? `${address} is ${reason}`
    : `${target.hostname} resolves to ${address}, ${reason}`;
  throw new OutboundError("blocked_address", `${found}; ${loopback ? loopbackHint : allowHint}`);
}
