import type { ToolCallDefinitionDelta } from "@parlor/protocol";

/** A file the called bot attached to its reply (its `file` event). */
export interface PartialResponseAttachment {
  url: string;
  contentType: string;
  name: string;
  /** Set when the reply's Markdown shows the file inline as `![title][inlineRef]`. */
  inlineRef: string | null;
}

/** The called bot's `meta` event, with the protocol defaults filled in. */
export interface PartialResponseMeta {
  contentType: string;
  /** Whether the platform may add its own suggested replies. */
  suggestedReplies: boolean;
  linkify: boolean;
  refetchSettings: boolean;
}

/**
 * One piece of a called bot's reply, as `streamRequest` yields it (fastapi_poe's
 * `PartialResponse`). Text pieces concatenate into the reply, except that a piece with
 * `isReplaceResponse` replaces everything before it. A suggested reply is a follow-up button,
 * not reply text: its piece has empty `text` and the suggestion in `suggestedReply` (unlike
 * fastapi_poe, which puts it in `text`, so that adding up `text` gives the reply).
 */
export interface PartialResponse {
  /** Reply text; empty on pieces that carry something else (meta, a suggestion, a file…). */
  text: string;
  /** True on the piece of a `suggested_reply` event, whose text is in `suggestedReply`. */
  isSuggestedReply: boolean;
  /** The suggested reply's text, on the piece of a `suggested_reply` event only. */
  suggestedReply?: string;
  isReplaceResponse: boolean;
  /** Which of several responses this piece updates, when the bot sends more than one. */
  index?: number;
  /** The object of a `json` event, e.g. an OpenAI `chat.completion.chunk`. */
  data?: Record<string, unknown>;
  attachment?: PartialResponseAttachment;
  /** Tool-call fragments of a `json` chunk; aggregate them with `aggregateToolCallDeltas`. */
  toolCalls: ToolCallDefinitionDelta[];
  /** Present on the piece made from the reply's first `meta` event only. */
  meta?: PartialResponseMeta;
  /** The event as received, for debugging. */
  rawResponse?: unknown;
}
