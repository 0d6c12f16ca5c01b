/**
 * The event vocabulary of a bot's reply (reference §2.2). Each event is its SSE `event:` name
 * and its `data:` JSON, with wire field names exactly as the protocol spells them.
 */

/** `meta`: how the client should treat the reply. Honoured only as the first event. */
export interface MetaEventData {
  content_type?: string;
  suggested_replies?: boolean;
  refetch_settings?: boolean;
  linkify?: boolean;
}

/** `text`, `replace_response` and `suggested_reply` carry one string. */
export interface TextEventData {
  text: string;
  /** Which of several responses this event updates (protocol 1.2 multi-response). */
  index?: number;
}

/** `file`: a file already hosted by the platform, attached to the reply. */
export interface FileEventData {
  url: string;
  content_type: string;
  name: string;
  /** When set, Markdown renders the file inline where it says `![title][inline_ref]`. */
  inline_ref: string | null;
  index?: number;
}

/** `data`: an opaque string stored with the reply and given back only to the same bot. */
export interface DataEventData {
  metadata: string;
  index?: number;
}

/** `error`: ends the reply as an error; `text` is shown to the user. */
export interface ErrorEventData {
  allow_retry: boolean;
  text?: string;
  error_type?: ErrorType;
  raw_response?: string;
}

/** Error types Poe knows; any other string is passed along untouched. */
export type ErrorType =
  | "user_message_too_long"
  | "insufficient_fund"
  | "user_caused_error"
  | "privacy_authorization_error"
  | (string & {});

/** One event of a bot's reply. */
export type BotEvent =
  | { event: "meta"; data: MetaEventData }
  | { event: "text"; data: TextEventData }
  | { event: "replace_response"; data: TextEventData }
  | { event: "suggested_reply"; data: TextEventData }
  | { event: "file"; data: FileEventData }
  | { event: "data"; data: DataEventData }
  | { event: "json"; data: Record<string, unknown> }
  | { event: "error"; data: ErrorEventData }
  | { event: "done"; data: Record<string, never> };

/** The name of a bot event. */
export type BotEventName = BotEvent["event"];

/** Every event name a bot may send; `ping` is a keep-alive and not part of this list. */
export const BOT_EVENT_NAMES: readonly BotEventName[] = [
  "meta",
  "text",
  "replace_response",
  "suggested_reply",
  "file",
  "data",
  "json",
  "error",
  "done",
];

/** The `meta` a bot is assumed to have sent when it sends none (the protocol defaults). */
export const DEFAULT_META: Required<MetaEventData> = {
  content_type: "text/markdown",
  suggested_replies: false,
  refetch_settings: false,
  linkify: false,
};
