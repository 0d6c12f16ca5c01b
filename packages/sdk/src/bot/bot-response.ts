import type { BotEvent, ErrorType, FileEventData } from "@parlor/protocol";

/**
 * What a query handler yields: a plain string is reply text; anything else is a protocol event,
 * best built with the helpers below.
 */
export type BotResponse = string | BotEvent;

/** Appends text to the reply. */
export function text(value: string): BotEvent {
  return { event: "text", data: { text: value } };
}

/** Replaces everything shown so far (progress messages, corrections). */
export function replaceResponse(value: string): BotEvent {
  return { event: "replace_response", data: { text: value } };
}

/** Offers the user a follow-up button. */
export function suggestedReply(value: string): BotEvent {
  return { event: "suggested_reply", data: { text: value } };
}

/** Options of the `meta` event, in camelCase. */
export interface MetaOptions {
  contentType?: "text/markdown" | "text/plain";
  /** Let the platform add its own suggested replies (ignored once the bot sends any). */
  suggestedReplies?: boolean;
  /** Ask the platform to fetch this bot's settings again. */
  refetchSettings?: boolean;
  linkify?: boolean;
}

/**
 * How the reply should be treated; must be the first event. Like fastapi_poe's MetaResponse it
 * always carries all four keys (its defaults: markdown, suggested replies on, linkify on).
 */
export function meta(options: MetaOptions = {}): BotEvent {
  return {
    event: "meta",
    data: {
      content_type: options.contentType ?? "text/markdown",
      refetch_settings: options.refetchSettings ?? false,
      linkify: options.linkify ?? true,
      suggested_replies: options.suggestedReplies ?? true,
    },
  };
}

/** Options of an `error` event. */
export interface ErrorResponseOptions {
  /** Whether the user may retry (fastapi_poe's default since 0.0.72: true). */
  allowRetry?: boolean;
  errorType?: ErrorType;
  /** Debug detail for the bot's owner; not shown to users. */
  rawResponse?: string;
}

/** Ends the reply as an error; `message` is what the user sees. */
export function errorResponse(message: string, options: ErrorResponseOptions = {}): BotEvent {
  const data: Extract<BotEvent, { event: "error" }>["data"] = {
    allow_retry: options.allowRetry ?? true,
  };
  if (message !== "") data.text = message;
  if (options.errorType !== undefined) data.error_type = options.errorType;
  if (options.rawResponse !== undefined) data.raw_response = options.rawResponse;
  return { event: "error", data };
}

/** A file already uploaded to the platform, to attach to the reply. */
export interface FileOptions {
  url: string;
  contentType: string;
  name: string;
  /** Set to render the file inline where the Markdown says `![title][inlineRef]`. */
  inlineRef?: string | null;
}

/** Attaches an already-uploaded file to the reply. */
export function file(options: FileOptions): BotEvent {
  const data: FileEventData = {
    url: options.url,
    content_type: options.contentType,
    name: options.name,
    inline_ref: options.inlineRef ?? null,
  };
  return { event: "file", data };
}

/** Stores an opaque string with the reply; it comes back as that message's `metadata`. */
export function data(metadata: string): BotEvent {
  return { event: "data", data: { metadata } };
}

/** Sends a raw `json` event (model bots use it for OpenAI-style tool-call chunks). */
export function json(value: Record<string, unknown>): BotEvent {
  return { event: "json", data: value };
}
