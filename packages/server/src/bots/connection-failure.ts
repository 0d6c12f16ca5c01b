import type { OutboundError } from "../outbound/index.js";

/** Why a connection test failed, in words a bot's author can act on. */
export interface ConnectionFailure {
  kind: "dns" | "refused" | "tls" | "unauthorized" | "timeout" | "http" | "malformed" | "blocked";
  message: string;
}

/** Where a URL points: its host as written and the port a connection goes to. */
export interface Endpoint {
  host: string;
  port: number;
}

/** The host and effective port of an http(s) URL. */
export function endpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === "https:" ? 443 : 80;
  return { host: parsed.hostname, port };
}

/** Node's codes for a TLS handshake or certificate that failed. */
function isTlsFailure(code: string): boolean {
  return (
    code === "EPROTO" ||
    code.startsWith("ERR_SSL_") ||
    code.startsWith("ERR_TLS_") ||
    code.includes("CERT") ||
    code.includes("SIGNATURE")
  );
}

/**
 * The code and message of the socket error behind a failed connection. OpenSSL's messages run
 * over lines of internals (`…:SSL routines:ssl3_get_record:wrong version number:…`); only the
 * reason is kept.
 */
function socketError(error: OutboundError): { code: string; message: string } {
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  const message = cause?.message ?? error.message;
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1];
  return { code: cause?.code ?? "", message: reason ?? message.split("\n")[0]!.trim() };
}

/**
 * Classifies an outbound failure of a bot request. The outbound client's own words already name
 * the host and say how to allow a refused address; this adds the port and what to do next.
 */
export function connectionFailure(error: OutboundError, endpoint: Endpoint): ConnectionFailure {
  const at = `${endpoint.host} port ${endpoint.port}`;
  switch (error.code) {
    case "dns_failed":
      return {
        kind: "dns",
        message: `${capitalize(error.message)}, so nothing was sent to port ${endpoint.port}: check the host name in the URL for typos, and that its DNS record exists.`,
      };
    case "blocked_address":
    case "port_not_allowed":
    case "https_required":
    case "invalid_url":
      return {
        kind: "blocked",
        message: `The platform does not call this URL: ${error.message} (a setting of whoever runs this platform).`,
      };
    case "connect_timeout":
      return {
        kind: "timeout",
        message: `Could not connect to ${at} in time (${error.message}): check that the bot is running and that no firewall drops connections to that port.`,
      };
    case "first_byte_timeout":
    case "timeout":
    case "aborted":
      return {
        kind: "timeout",
        message: `${at} did not answer the settings request in time (${error.message}): the bot must answer settings within 10 s, even while it is busy.`,
      };
    case "redirect_refused":
      return { kind: "http", message: `${capitalize(error.message)}.` };
    case "body_too_large":
      return {
        kind: "malformed",
        message: `${at} answered with a settings body too large to read (${error.message}).`,
      };
    case "connection_failed":
      return connectionFailed(error, at);
  }
}

function connectionFailed(error: OutboundError, at: string): ConnectionFailure {
  const { code, message } = socketError(error);
  if (code === "ECONNREFUSED") {
    return {
      kind: "refused",
      message: `Nothing accepted the connection at ${at} (connection refused): start the bot, or check the port in the URL.`,
    };
  }
  if (isTlsFailure(code)) {
    const plain = code === "ERR_SSL_WRONG_VERSION_NUMBER" || code === "EPROTO";
    const hint = plain
      ? "the server on that port does not speak TLS: use an http:// URL, or the port where TLS is served"
      : "the bot needs a valid certificate for its host name, issued by a public authority";
    return {
      kind: "tls",
      message: `The TLS handshake with ${at} failed (${message}): ${hint}.`,
    };
  }
  return {
    kind: "refused",
    message: `The connection to ${at} failed (${message}): check that the bot is running and reachable from this server.`,
  };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
