import { encodeSseComment, encodeSseEvent } from "@parlor/protocol";
import type { GenerationEvent, GenerationLog } from "../../relay/generation-log.js";
import type { MessageRow } from "../../store/messages-store.js";
import type { Store } from "../../store/store.js";

const HEARTBEAT_MS = 15_000;

/** The events that show a stored reply at once: its text, suggestions, files, final state. */
function snapshotEvents(message: MessageRow, afterId: number): GenerationEvent[] {
  const events: Omit<GenerationEvent, "id">[] = [
    { event: "replace_response", data: { text: message.content } },
  ];
  for (const file of JSON.parse(message.files_json) as unknown[])
    events.push({ event: "file", data: file });
  for (const text of JSON.parse(message.suggested_replies_json) as string[]) {
    events.push({ event: "suggested_reply", data: { text } });
  }
  if (message.status !== "streaming") {
    events.push({
      event: "done",
      data: { status: message.status, error: message.error_text, text: message.content },
    });
  }
  // Snapshot ids continue after what the client has, so a later resume never goes backwards.
  return events.map((event, index) => ({ ...event, id: afterId + index + 1 }));
}

/**
 * A reply as an SSE stream: numbered events, `Last-Event-ID` resumes after the last one seen,
 * heartbeats keep proxies from closing an idle stream, and closing the stream never stops the
 * bot (only an explicit stop does). A reply not running here is served from the database.
 */
export function generationStream(
  deps: { log: GenerationLog; store: Store },
  message: MessageRow,
  afterId: number,
): Response {
  const encoder = new TextEncoder();
  // Set by the end of the reply and by the client going away; nothing is written after it.
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  // Defined before subscribing: a finished reply's replay ends the stream inside `subscribe`,
  // and the heartbeat must be cleared then too, or it writes to a closed stream and throws.
  const cleanup = () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe?.();
  };
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        cleanup();
        controller.close();
      };
      const send = (event: GenerationEvent) => {
        if (closed) return;
        controller.enqueue(
          encoder.encode(encodeSseEvent({ event: event.event, data: event.data }, event.id)),
        );
        if (event.event === "done") close();
      };
      heartbeat = setInterval(
        () => controller.enqueue(encoder.encode(encodeSseComment("keep-alive"))),
        HEARTBEAT_MS,
      );
      unsubscribe = deps.log.subscribe(message.id, afterId, send);
      if (unsubscribe || closed) return;
      // Not running in this process: finished (or run by another instance). Poll the row.
      let shownId = afterId;
      for (let current: MessageRow | undefined = message; current && !closed;) {
        const events = snapshotEvents(current, shownId);
        for (const event of events) send(event);
        shownId += events.length;
        if (current.status !== "streaming" || closed) break;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        unsubscribe = deps.log.subscribe(message.id, Number.MAX_SAFE_INTEGER, send);
        if (unsubscribe) return;
        current = await deps.store.messages.findById(message.id);
      }
      close();
    },
    cancel() {
      cleanup();
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
