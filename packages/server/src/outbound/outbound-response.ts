import type { IncomingMessage } from "node:http";
import { OutboundError } from "./outbound-error.js";
import { pullBody } from "./pull-body.js";
import { readBodyInto, type BodySink } from "./read-body.js";
import type { RequestLifetime } from "./request-lifetime.js";

/** A response whose headers have arrived; the body streams and can be read once, either way. */
export interface OutboundResponse {
  status: number;
  /** Header names are lowercase; repeated headers such as set-cookie are arrays. */
  headers: Record<string, string | string[] | undefined>;
  /**
   * Pushes the body to `sink` as it arrives (the relay's way: no promise per chunk). Fails with
   * OutboundError `body_too_large` past the cap, `timeout` past the total deadline. Returns
   * what stops reading early.
   */
  read(sink: BodySink): () => void;
  /** The body as an async iterable, with the same cap and deadline. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as UTF-8, under the same cap and deadline. */
  text(): Promise<string>;
  /** Closes the connection; a body still being read fails with `aborted`. */
  cancel(): void;
}

/** Wraps a response head whose status has already been accepted. */
export function createOutboundResponse(
  message: IncomingMessage,
  lifetime: RequestLifetime,
  maxBodyBytes: number,
): OutboundResponse {
  lifetime.onFailure((error) => message.destroy(error));
  const read = (sink: BodySink) => readBodyInto(message, lifetime, maxBodyBytes, sink);
  const body = pullBody(read);
  return {
    status: message.statusCode ?? 0,
    headers: message.headers,
    read,
    body,
    async text() {
      const chunks: Uint8Array[] = [];
      for await (const chunk of body) chunks.push(chunk);
      return Buffer.concat(chunks).toString("utf8");
    },
    cancel() {
      lifetime.fail(new OutboundError("aborted", "the response was cancelled"));
    },
  };
}
