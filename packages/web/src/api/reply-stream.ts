import { createParser } from "eventsource-parser";
import { ApiError } from "./api-error.js";
import { errorOf } from "./http.js";
import type { BotFile, MessageStatus, ReplyUsage } from "./types.js";

/** One event of a reply's stream (docs/api.md, `GET /api/messages/:id/stream`). */
export type ReplyEvent =
  | { type: "meta"; content_type?: string }
  | { type: "text"; text: string }
  | { type: "replace_response"; text: string }
  | { type: "suggested_reply"; text: string }
  | { type: "file"; file: BotFile }
  | {
      type: "done";
      status: MessageStatus;
      error: string | null;
      text: string;
      allow_retry?: boolean | null;
      usage?: ReplyUsage | null;
    };

/** A reply that started: the ids the platform gave it and its stream, already open. */
export interface StartedReply {
  userMessageId: string | null;
  botMessageId: string;
  /** The handle of the bot a mention chose to answer; null: the conversation's bot. */
  replyBotHandle: string | null;
  streamUrl: string;
  response: Response;
}

/** What a send carries besides the text. */
export interface SendBody {
  content: string;
  attachments?: string[];
  parameters?: Record<string, unknown>;
  /** The message the new one follows: null starts a new root (edit-and-resend). */
  parent_id?: string | null;
}

/** Sends a message and opens its reply's stream in the same request. */
export const sendWithStream = (conversationId: string, body: SendBody) =>
  startStream(`/api/conversations/${conversationId}/messages`, body);

/** Asks for another reply to the same user message, streamed in the same request. */
export const regenerateWithStream = (botMessageId: string) =>
  startStream(`/api/messages/${botMessageId}/regenerate`, undefined);

async function startStream(path: string, body: unknown): Promise<StartedReply> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "text/event-stream", "content-type": "application/json" },
      body: JSON.stringify(body ?? {}),
    });
  } catch {
    throw new ApiError(0, "offline", "Parlor cannot be reached.");
  }
  if (!response.ok) throw await errorOf(response);
  const botMessageId = response.headers.get("x-parlor-bot-message-id") ?? "";
  return {
    userMessageId: response.headers.get("x-parlor-user-message-id"),
    botMessageId,
    replyBotHandle: response.headers.get("x-parlor-reply-bot"),
    streamUrl: response.headers.get("content-location") ?? `/api/messages/${botMessageId}/stream`,
    response,
  };
}

/** Options of followReplyStream. */
export interface FollowOptions {
  /** The stream's URL, to (re)attach with `Last-Event-ID`. */
  url: string;
  /** A response already streaming (from a send); read first, before any reattach. */
  response?: Response;
  onEvent: (event: ReplyEvent) => void;
  signal: AbortSignal;
}

/**
 * Reads a reply's events until `done`. When the connection drops it reattaches after the last
 * event id seen, so nothing is lost or repeated; dropping never stops the bot.
 */
export async function followReplyStream({ url, response, onEvent, signal }: FollowOptions) {
  let lastEventId: string | undefined;
  let pending = response;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const current =
        pending ??
        (await fetch(url, {
          credentials: "same-origin",
          headers: lastEventId ? { "last-event-id": lastEventId } : {},
          signal,
        }));
      pending = undefined;
      // A reply that is gone (its conversation deleted) or never was: nothing more to follow.
      if (current.status === 404) return;
      if (!current.ok || !current.body) throw await errorOf(current);
      const finished = await readEvents(current.body, signal, (id, event) => {
        if (id) lastEventId = id;
        failures = 0;
        onEvent(event);
      });
      if (finished) return;
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) throw error;
    }
    failures += 1;
    await sleep(Math.min(5000, 250 * 2 ** failures), signal);
  }
}

/** 8 Mi characters, as the protocol's decoder: far above any reply (they cap at 100,000). */
const MAX_EVENT_SIZE = 8 * 1024 * 1024;

/** Reads one response body; true when it ended with `done`. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  signal: AbortSignal,
  onEvent: (id: string | undefined, event: ReplyEvent) => void,
): Promise<boolean> {
  let finished = false;
  let overflowed = false;
  // The same parser as @parlor/protocol's decoder (whose zod schemas would triple this bundle),
  // with a buffer cap so a broken stream cannot grow without end.
  const decoder = createParser({
    maxBufferSize: MAX_EVENT_SIZE,
    onEvent: (message) => {
      const event = toReplyEvent(message.event ?? "message", message.data);
      if (!event) return;
      if (event.type === "done") finished = true;
      onEvent(message.id, event);
    },
    onError: (error) => {
      if (error.type === "max-buffer-size-exceeded") overflowed = true;
    },
  });
  const text = new TextDecoder();
  const reader = body.getReader();
  const cancel = () => void reader.cancel();
  signal.addEventListener("abort", cancel, { once: true });
  try {
    while (!finished && !overflowed) {
      const { value, done } = await reader.read();
      if (done) break;
      decoder.feed(text.decode(value, { stream: true }));
    }
    decoder.feed(text.decode());
  } finally {
    signal.removeEventListener("abort", cancel);
    if (finished) void reader.cancel();
  }
  return finished;
}

/** The event an SSE message stands for; unknown events and bad data are skipped. */
function toReplyEvent(name: string, data: string): ReplyEvent | undefined {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(data) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const text = typeof payload.text === "string" ? payload.text : "";
  switch (name) {
    case "meta":
      return { type: "meta", content_type: payload.content_type as string | undefined };
    case "text":
    case "replace_response":
    case "suggested_reply":
      return { type: name, text };
    case "file":
      return {
        type: "file",
        file: {
          url: stringOr(payload.url, ""),
          content_type: stringOr(payload.content_type, "application/octet-stream"),
          name: stringOr(payload.name, "file"),
          inline_ref: (payload.inline_ref as string | null | undefined) ?? null,
        },
      };
    case "done":
      return {
        type: "done",
        status: (payload.status as MessageStatus | undefined) ?? "complete",
        error: typeof payload.error === "string" ? payload.error : null,
        text,
        allow_retry: payload.allow_retry as boolean | null | undefined,
        usage: usageOf(payload.usage),
      };
    default:
      return undefined;
  }
}

/** The `usage` of a `done` event, when it has the shape the platform sends. */
function usageOf(value: unknown): ReplyUsage | null {
  if (typeof value !== "object" || value === null) return null;
  const { input_tokens, output_tokens, cost_usd } = value as Record<string, unknown>;
  if (typeof input_tokens !== "number" || typeof output_tokens !== "number") return null;
  return { input_tokens, output_tokens, cost_usd: typeof cost_usd === "number" ? cost_usd : null };
}

const stringOr = (value: unknown, fallback: string) =>
  typeof value === "string" ? value : fallback;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
