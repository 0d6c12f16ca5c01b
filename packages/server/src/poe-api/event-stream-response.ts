import type { ServerResponse } from "node:http";
import { RESPONSE_ALREADY_SENT } from "@hono/node-server/utils/response";
import { batchedWrites } from "../http/batched-writes.js";
import { startKeepAlive, stopKeepAlive, type KeptAlive } from "../http/heartbeats.js";
import { BacklogGuard } from "../http/slow-reader.js";

/** Writes text to the stream; ignored once the client has gone. */
export type StreamWriter = (text: string) => void;

/** How the client is reached: a Node response to write to, or a web request to answer. */
export interface StreamClient {
  /** Under Node (`@hono/node-server`): the response, written directly. */
  outgoing?: ServerResponse;
  /** Elsewhere: aborted when the client goes away. Read only when there is no `outgoing`. */
  requestSignal: () => AbortSignal;
}

const HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  "x-accel-buffering": "no",
} as const;

/**
 * A `text/event-stream` response whose body `produce` writes. The signal it gets aborts when
 * the client disconnects, so the bot behind it is stopped too; the stream closes when
 * `produce` settles. `produce` should answer its own failures on the stream; anything it
 * throws goes to `onError` and ends the stream. Under Node the text goes straight to the
 * socket (no web stream, encoder or request object per call: this is the bot-query hot path).
 */
export function eventStreamResponse(
  produce: (write: StreamWriter, signal: AbortSignal) => Promise<void>,
  options: { client: StreamClient; onError: (error: unknown) => void },
): Response {
  const { outgoing } = options.client;
  if (!outgoing) return webEventStream(produce, options.client.requestSignal(), options.onError);
  const abort = new AbortController();
  let open = true;
  outgoing.writeHead(200, HEADERS);
  const writes = batchedWrites(outgoing);
  const backlog = new BacklogGuard(outgoing);
  const write: StreamWriter = (text) => {
    // A caller that stopped reading is dropped (which stops its bot call), not buffered for.
    if (open && !backlog.dropIfBehind()) writes.write(text);
  };
  const stream = { write };
  startKeepAlive(stream);
  outgoing.once("close", () => {
    if (!open) return;
    open = false;
    stopKeepAlive(stream);
    abort.abort(new Error("The client disconnected"));
  });
  void produce(write, abort.signal)
    .catch(options.onError)
    .finally(() => {
      if (!open) return;
      open = false;
      stopKeepAlive(stream);
      writes.end();
    });
  return RESPONSE_ALREADY_SENT;
}

/** The same stream as a web `Response`, for runtimes without a Node response. */
function webEventStream(
  produce: (write: StreamWriter, signal: AbortSignal) => Promise<void>,
  requestSignal: AbortSignal,
  onError: (error: unknown) => void,
): Response {
  const options = { requestSignal, onError };
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const disconnect = () => abort.abort(new Error("The client disconnected"));
  options.requestSignal?.addEventListener("abort", disconnect, { once: true });
  let open = true;
  let stream: KeptAlive | undefined;
  const finish = () => {
    open = false;
    if (stream) stopKeepAlive(stream);
    options.requestSignal?.removeEventListener("abort", disconnect);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write: StreamWriter = (text) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      stream = { write };
      startKeepAlive(stream);
      void produce(write, abort.signal)
        .catch(options.onError)
        .finally(() => {
          if (!open) return;
          finish();
          controller.close();
        });
    },
    cancel() {
      finish();
      disconnect();
    },
  });
  return new Response(body, { headers: HEADERS });
}
