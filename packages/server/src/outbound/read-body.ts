import type { IncomingMessage } from "node:http";
import { OutboundError } from "./outbound-error.js";
import type { RequestLifetime } from "./request-lifetime.js";

/**
 * Yields the response body chunk by chunk as it arrives, counting bytes so the cap is enforced
 * while streaming; a hostile server cannot make us buffer more than one chunk past it.
 */
export async function* readBody(
  message: IncomingMessage,
  lifetime: RequestLifetime,
  maxBodyBytes: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    if (lifetime.failure) throw lifetime.failure;
    if (Number(message.headers["content-length"]) > maxBodyBytes) throw tooLarge(maxBodyBytes);
    let received = 0;
    for await (const value of message) {
      const chunk = value as Buffer;
      received += chunk.byteLength;
      if (received > maxBodyBytes) throw tooLarge(maxBodyBytes);
      yield chunk;
    }
    if (!message.complete) throw lifetime.failure ?? closedEarly();
  } catch (error) {
    // A timeout or abort destroys the stream; report that cause, not the stream's own error.
    const failure =
      lifetime.failure ?? (error instanceof OutboundError ? error : closedEarly(error));
    lifetime.fail(failure);
    throw failure;
  } finally {
    lifetime.end();
    // The reader stopped early: close the connection rather than drain an unbounded body.
    if (!message.complete) message.destroy();
  }
}

function tooLarge(maxBodyBytes: number): OutboundError {
  return new OutboundError(
    "body_too_large",
    `the response body is larger than the ${maxBodyBytes}-byte limit`,
  );
}

function closedEarly(cause?: unknown): OutboundError {
  return new OutboundError("connection_failed", "the connection closed before the body ended", {
    cause,
  });
}
