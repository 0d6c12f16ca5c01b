import type { ServerResponse } from "node:http";
import { encodeSseEvent } from "@parlor/protocol";
import type { GenerationEvent, GenerationLog } from "../../relay/generation-log.js";
import type { MessageRow } from "../../store/messages-store.js";
import type { Store } from "../../store/store.js";
import { startKeepAlive, stopKeepAlive } from "../heartbeats.js";
import { BacklogGuard } from "../slow-reader.js";
import type { RenewFileUrls } from "../../poe-api/files/file-url-renewer.js";
import { allowRetryOf } from "./public-message.js";
import { publicUsage } from "../../usage/usage-columns.js";

/** What serving a reply stream needs. */
export interface StreamDeps {
  log: GenerationLog;
  store: Store;
  /** Renews the platform's own file URLs in a stored reply (they last an hour). */
  renewFileUrls: RenewFileUrls;
}

/** The events that show a stored reply at once: its text, suggestions, files, final state. */
function snapshotEvents(
  message: MessageRow,
  afterId: number,
  renew: (text: string) => string,
): GenerationEvent[] {
  const content = renew(message.content);
  const events: Omit<GenerationEvent, "id">[] = [
    { event: "replace_response", data: { text: content } },
  ];
  for (const file of JSON.parse(renew(message.files_json)) as unknown[])
    events.push({ event: "file", data: file });
  for (const text of JSON.parse(message.suggested_replies_json) as string[]) {
    events.push({ event: "suggested_reply", data: { text } });
  }
  if (message.status !== "streaming") {
    events.push({
      event: "done",
      data: {
        status: message.status,
        error: message.error_text,
        text: content,
        allow_retry: allowRetryOf(message),
        usage: publicUsage(message),
      },
    });
  }
  // Snapshot ids continue after what the client has, so a later resume never goes backwards.
  return events.map((event, index) => ({ ...event, id: afterId + index + 1 }));
}

/** Where a generation's SSE text goes: a Node response, or a web stream elsewhere. */
export interface SseWriter {
  write(text: string): void;
  end(): void;
}

/** Writes to a Node response, until the client has gone (methods, not closures: see AttachedStream). */
export class NodeSseWriter implements SseWriter {
  private readonly backlog: BacklogGuard;

  constructor(private readonly outgoing: ServerResponse) {
    this.backlog = new BacklogGuard(outgoing);
  }

  write(text: string): void {
    // A reader this far behind is dropped, not buffered for: it resumes from its last id.
    if (!this.isOpen() || this.backlog.dropIfBehind()) return;
    this.outgoing.write(text);
  }

  end(): void {
    if (this.isOpen()) this.outgoing.end();
  }

  private isOpen(): boolean {
    return !this.outgoing.destroyed && !this.outgoing.writableEnded;
  }
}

/** The headers of a reply stream. */
export const GENERATION_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-store",
  "x-accel-buffering": "no",
} as const;

/**
 * Streams a reply to one client: numbered events, `Last-Event-ID` resumes after the last one
 * seen, heartbeats keep proxies from closing an idle stream, and the client going away never
 * stops the bot (only an explicit stop does). A reply not running here is served from the
 * database. Returns what to call when the client goes away.
 */
export function attachToGeneration(
  deps: StreamDeps,
  message: MessageRow,
  afterId: number,
  writer: SseWriter,
): () => void {
  const stream = new AttachedStream(writer);
  const serveStored = () => {
    if (stream.closed) return;
    void pollStoredReply(deps, message, afterId, stream.send, () => stream.closed).then(
      (unsubscribe) => (unsubscribe ? stream.attach(unsubscribe) : stream.close()),
    );
  };
  void deps.log.subscribe(message.id, afterId, stream.send).then(
    (unsubscribe) => (unsubscribe ? stream.attach(unsubscribe) : serveStored()),
    // The shared log could not be read (Redis down): the row still shows the reply.
    serveStored,
  );
  return stream.detach;
}

/**
 * One client's end of a reply stream. A class with two bound functions, not a handful of
 * closures: an idle reader of a long reply should cost little more than its socket.
 */
class AttachedStream {
  /** Set by the end of the reply and by the client going away; nothing is written after it. */
  closed = false;
  unsubscribe: (() => void) | undefined;

  constructor(private readonly writer: SseWriter) {
    startKeepAlive(writer);
  }

  readonly send = (event: GenerationEvent): void => {
    if (this.closed) return;
    this.writer.write(encodeSseEvent({ event: event.event, data: event.data }, event.id));
    if (event.event === "done") this.close();
  };

  /** Keeps the way to stop listening; at once if the client left while it was being set up. */
  attach(unsubscribe: () => void): void {
    if (this.closed) unsubscribe();
    else this.unsubscribe = unsubscribe;
  }

  /** The client went away: stop sending, leave the reply running. */
  readonly detach = (): void => {
    this.closed = true;
    stopKeepAlive(this.writer);
    this.unsubscribe?.();
  };

  close(): void {
    if (this.closed) return;
    this.detach();
    this.writer.end();
  }
}

/**
 * Shows a reply that is not running from its row, polling while another instance writes it
 * (one that does not share its log). Returns how to stop listening if it started meanwhile.
 */
async function pollStoredReply(
  deps: StreamDeps,
  message: MessageRow,
  afterId: number,
  send: (event: GenerationEvent) => void,
  isClosed: () => boolean,
): Promise<(() => void) | undefined> {
  let shownId = afterId;
  for (let current: MessageRow | undefined = message; current && !isClosed();) {
    const events = snapshotEvents(current, shownId, deps.renewFileUrls);
    for (const event of events) send(event);
    shownId += events.length;
    if (current.status !== "streaming" || isClosed()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // It may have started here meanwhile (a retry after a restart): follow it live then.
    const unsubscribe = await deps.log.subscribe(message.id, Number.MAX_SAFE_INTEGER, send);
    if (unsubscribe) return unsubscribe;
    current = await deps.store.messages.findById(message.id);
  }
}

/**
 * The same stream as a web `Response`, for runtimes without a Node response to write to.
 * Under Node the routes write to the socket directly (see generation-response.ts), which saves a
 * web stream, an encoder and a reader loop per client.
 */
export function generationStream(deps: StreamDeps, message: MessageRow, afterId: number): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      stop = attachToGeneration(deps, message, afterId, {
        write: (text) => controller.enqueue(encoder.encode(text)),
        end: () => controller.close(),
      });
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, { headers: GENERATION_STREAM_HEADERS });
}
