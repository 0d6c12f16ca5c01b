import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { OutboundError } from "./outbound-error.js";
import type { OutboundPolicy } from "./outbound-policy.js";
import { OUTBOUND_DEFAULTS, type OutboundRequest } from "./outbound-request.js";
import { createOutboundResponse, type OutboundResponse } from "./outbound-response.js";
import { parseOutboundUrl, type OutboundTarget } from "./parse-outbound-url.js";
import { createRequestLifetime } from "./request-lifetime.js";
import { resolveDestination, type HostnameResolver } from "./resolve-destination.js";
import { sendRequest } from "./send-request.js";
import { resolveWithSystemDns } from "./system-resolver.js";

/** Dependencies of {@link createOutboundClient}; all optional. */
export interface OutboundClientOptions {
  /** Resolves hostnames; defaults to the system resolver. Tests inject one to avoid real DNS. */
  resolve?: HostnameResolver;
}

/** The one HTTP client for user-supplied URLs (bot webhooks, file downloads). */
export interface OutboundClient {
  /** Checks the URL against the policy, then sends; rejects with OutboundError. */
  request(request: OutboundRequest): Promise<OutboundResponse>;
  /**
   * Checks a URL against the policy (scheme, allowlist, every resolved address) without
   * connecting, so a bot URL can be refused when it is registered; rejects with OutboundError.
   */
  check(url: string): Promise<void>;
  /** Closes idle keep-alive connections; for shutdown and tests. */
  close(): void;
}

/**
 * Creates a client that refuses private and special addresses (unless the policy allows them),
 * connects only to the address it checked, never follows redirects, and enforces timeouts and
 * a body cap. Connections are kept alive and reused because bot calls are frequent.
 */
export function createOutboundClient(
  policy: OutboundPolicy,
  options: OutboundClientOptions = {},
): OutboundClient {
  const resolve = options.resolve ?? resolveWithSystemDns;
  // Idle connections kept per bot host: Node's default (256) would close most of them after a
  // burst of replies, and the next burst would pay a TCP (and TLS) handshake per call again.
  const agentOptions = { keepAlive: true, maxFreeSockets: 2048 };
  const agents = {
    "http:": new http.Agent(agentOptions),
    "https:": new https.Agent(agentOptions),
  };

  async function request(request: OutboundRequest): Promise<OutboundResponse> {
    const connectTimeoutMs = request.connectTimeoutMs ?? OUTBOUND_DEFAULTS.connectTimeoutMs;
    const totalTimeoutMs = request.totalTimeoutMs ?? OUTBOUND_DEFAULTS.totalTimeoutMs;
    const lifetime = createRequestLifetime(request.signal, totalTimeoutMs);
    try {
      if (lifetime.failure) throw lifetime.failure;
      const target = parseOutboundUrl(request.url);
      const stopConnectTimer = lifetime.startTimer(connectTimeoutMs, () => {
        const message = `could not connect to ${target.hostname} within ${connectTimeoutMs} ms`;
        return new OutboundError("connect_timeout", message);
      });
      const destination = resolveDestination(target, policy, resolve);
      const address = await Promise.race([destination, lifetime.failed]);
      const sending = sendRequest({
        target,
        address,
        request,
        agent: agents[target.protocol],
        lifetime,
        firstByteTimeoutMs: request.firstByteTimeoutMs ?? OUTBOUND_DEFAULTS.firstByteTimeoutMs,
        onConnected: stopConnectTimer,
      });
      const message = await Promise.race([sending, lifetime.failed]);
      refuseRedirect(message, target);
      const maxBodyBytes = request.maxBodyBytes ?? OUTBOUND_DEFAULTS.maxBodyBytes;
      return createOutboundResponse(message, lifetime, maxBodyBytes);
    } catch (error) {
      if (error instanceof OutboundError) lifetime.fail(error);
      lifetime.end();
      throw error;
    }
  }

  return {
    request,
    async check(url) {
      await resolveDestination(parseOutboundUrl(url), policy, resolve);
    },
    close() {
      agents["http:"].destroy();
      agents["https:"].destroy();
    },
  };
}

/** Any 3xx is a failure: following it would reach an address nobody checked. */
function refuseRedirect(message: IncomingMessage, target: OutboundTarget): void {
  const status = message.statusCode ?? 0;
  if (status < 300 || status > 399) return;
  message.destroy();
  const location = message.headers.location ?? "(no Location header)";
  throw new OutboundError(
    "redirect_refused",
    `${target.hostname} answered ${status} with a redirect to ${location}; redirects are not followed, so use the final URL instead`,
    { status },
  );
}
