import type { IncomingMessage } from "node:http";
import { OutboundError } from "./outbound-error.js";
import type { RequestLifetime } from "./request-lifetime.js";

/** Receives a response body as it arrives. Its methods must not throw. */
export interface BodySink {
  chunk(chunk: Buffer): void;
  /** The whole body has arrived. */
  end(): void;
  /** The body failed: cap, deadline, abort, or the connection closed early. */
  fail(error: OutboundError): void;
}

/**
 * Delivers the body to `sink` chunk by chunk, straight from the socket's `data` events: no
 * async iterator, promise or microtask per chunk, because relaying a bot's stream is the
 * platform's hot path. Bytes are counted as they arrive, so a hostile server cannot make us
 * hold more than one chunk past the cap. Exactly one of `end` and `fail` is called, unless the
 * returned function is called first: it stops the delivery and lets the rest of the body go.
 */
export function readBodyInto(
  message: IncomingMessage,
  lifetime: RequestLifetime,
  maxBodyBytes: number,
  sink: BodySink,
): () => void {
  let received = 0;
  let settled = false;
  const detach = () => {
    settled = true;
    message.off("data", onData);
    message.off("end", onEnd);
    message.off("close", onClose);
  };
  const fail = (cause?: unknown) => {
    if (settled) return;
    detach();
    // A timeout or abort destroys the stream; report that cause, not the stream's own error.
    const failure =
      lifetime.failure ?? (cause instanceof OutboundError ? cause : closedEarly(cause));
    lifetime.fail(failure); // destroys the response; a no-op if the lifetime failed already
    lifetime.end();
    message.destroy();
    sink.fail(failure);
  };
  function onData(chunk: Buffer) {
    received += chunk.byteLength;
    if (received > maxBodyBytes) fail(tooLarge(maxBodyBytes));
    else sink.chunk(chunk);
  }
  function onEnd() {
    if (settled) return;
    if (!message.complete) return fail();
    detach();
    lifetime.end();
    sink.end();
  }
  function onClose() {
    if (!message.complete) fail();
  }
  // Stays attached: a socket error after we stopped listening must not become an uncaught one.
  message.on("error", fail);
  if (lifetime.failure || Number(message.headers["content-length"]) > maxBodyBytes) {
    const failure = lifetime.failure ?? tooLarge(maxBodyBytes);
    // Asynchronously, as every other outcome: the caller has not seen our return value yet.
    queueMicrotask(() => fail(failure));
  } else {
    message.on("data", onData);
    message.on("end", onEnd);
    message.on("close", onClose);
  }
  return () => {
    if (settled) return;
    detach();
    lifetime.end();
    if (!message.complete) drainOrClose(message);
  };
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
