import { describe, expect, it } from "vitest";
import { OutboundError } from "../outbound/index.js";
import { connectionFailure, endpointOf } from "./connection-failure.js";

/** A failed connection as the outbound client reports it, with Node's socket error as cause. */
function failedConnection(code: string, message: string): OutboundError {
  const cause = Object.assign(new Error(message), { code });
  return new OutboundError("connection_failed", `the connection failed: ${message}`, { cause });
}

describe("connectionFailure", () => {
  const endpoint = endpointOf("https://bots.example.com/poe");

  it("calls a certificate the bot's host cannot prove a TLS failure, and says what it needs", () => {
    expect(
      connectionFailure(
        failedConnection("DEPTH_ZERO_SELF_SIGNED_CERT", "self-signed certificate"),
        endpoint,
      ),
    ).toEqual({
      kind: "tls",
      message:
        "The TLS handshake with bots.example.com port 443 failed (self-signed certificate): the bot needs a valid certificate for its host name, issued by a public authority.",
    });
  });

  it("keeps other broken connections apart from refused ones, with Node's reason", () => {
    expect(connectionFailure(failedConnection("ECONNRESET", "read ECONNRESET"), endpoint)).toEqual({
      kind: "refused",
      message:
        "The connection to bots.example.com port 443 failed (read ECONNRESET): check that the bot is running and reachable from this server.",
    });
  });

  it("reads the port a URL reaches, written or implied", () => {
    expect(endpointOf("http://bot.test/")).toEqual({ host: "bot.test", port: 80 });
    expect(endpointOf("http://[::1]:8080/")).toEqual({ host: "[::1]", port: 8080 });
  });
});
