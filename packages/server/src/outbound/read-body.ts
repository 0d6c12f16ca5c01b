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
  let failed = false;
  try {
    if (lifetime.failure) throw lifetime.failure;
    if (Number(message.headers["content-length"]) > maxBodyBytes) throw tooLarge(maxBodyBytes);
    let received = 0;
    // Not destroyed when the reader stops early: see drainOrClose.
    for await (const value of message.iterator({ destroyOnReturn: false })) {
      const chunk = value as Buffer;
      received += chunk.byteLength;
      if (received > maxBodyBytes) throw tooLarge(maxBodyBytes);
      yield chunk;
    }
    if (!message.complete) throw lifetime.failure ?? closedEarly();
  } catch (error) {
    failed = true;
    // A timeout or abort destroys the stream; report that cause, not the stream's own error.
    const failure =
      lifetime.failure ?? (error instanceof OutboundError ? error : closedEarly(error));
    lifetime.fail(failure);
    throw failure;
  } finally {
    lifetime.end();
    if (failed) message.destroy();
    else if (!message.complete) drainOrClose(message);
  }
}

/**
 * A reader that stops early (the dispatcher stops at `done`) usually leaves only the stream's
 * last bytes unread. Draining them for a moment keeps the keep-alive connection reusable, which
 * saves a TCP handshake per bot call; a body that does not end soon is cut off instead.
 */
function drainOrClose(message: IncomingMessage): void {
  const timer = setTimeout(() => message.destroy(), 1000);
  const stop = () => clearTimeout(timer);
  message.once("end", stop);
  message.once("close", stop);
  message.resume();
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
