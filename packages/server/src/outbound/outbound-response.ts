import type { IncomingMessage } from "node:http";
import { OutboundError } from "./outbound-error.js";
import { readBody } from "./read-body.js";
import type { RequestLifetime } from "./request-lifetime.js";

/** A response whose headers have arrived; the body streams and can be read once. */
export interface OutboundResponse {
  status: number;
  /** Header names are lowercase; repeated headers such as set-cookie are arrays. */
  headers: Record<string, string | string[] | undefined>;
  /** Throws OutboundError `body_too_large` past the cap, `timeout` past the total deadline. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as UTF-8, under the same cap and deadline. */
  text(): Promise<string>;
  /** Closes the connection; a body still being read throws `aborted`. */
  cancel(): void;
}

/** Wraps a response head whose status has already been accepted. */
export function createOutboundResponse(
  message: IncomingMessage,
  lifetime: RequestLifetime,
  maxBodyBytes: number,
): OutboundResponse {
  lifetime.onFailure((error) => message.destroy(error));
  const body = readBody(message, lifetime, maxBodyBytes);
  return {
    status: message.statusCode ?? 0,
    headers: message.headers,
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
