import { encodeSseComment } from "@parlor/protocol";

/** Writes text to the stream; ignored once the client has gone. */
export type StreamWriter = (text: string) => void;

/** How often an idle stream gets a comment, so proxies do not close it. */
const KEEP_ALIVE_MS = 15_000;

/**
 * A `text/event-stream` response whose body `produce` writes. The signal it gets aborts when
 * the client disconnects, so the bot behind it is stopped too; the stream closes when
 * `produce` settles. `produce` should answer its own failures on the stream; anything it
 * throws goes to `onError` and ends the stream.
 */
export function eventStreamResponse(
  produce: (write: StreamWriter, signal: AbortSignal) => Promise<void>,
  options: { requestSignal?: AbortSignal; onError: (error: unknown) => void },
): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  const disconnect = () => abort.abort(new Error("The client disconnected"));
  options.requestSignal?.addEventListener("abort", disconnect, { once: true });
  let open = true;
  let keepAlive: NodeJS.Timeout | undefined;
  const finish = () => {
    open = false;
    clearInterval(keepAlive);
    options.requestSignal?.removeEventListener("abort", disconnect);
  };
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write: StreamWriter = (text) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      keepAlive = setInterval(() => write(encodeSseComment("keep-alive")), KEEP_ALIVE_MS);
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
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    },
  });
}
