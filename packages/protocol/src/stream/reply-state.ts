import {
  DEFAULT_META,
  type BotEvent,
  type ErrorEventData,
  type FileEventData,
  type MetaEventData,
} from "../events/bot-event.js";

/** What a reply amounts to so far: the text the user sees and everything that came with it. */
export interface ReplyState {
  meta: Required<MetaEventData>;
  /** The text since the last `replace_response`, as the user sees it. */
  text: string;
  suggestedReplies: string[];
  files: FileEventData[];
  /** The last `data` event's metadata; only the last one counts. */
  metadata: string | null;
  /** The raw `json` events, in order (tool-call chunks from model bots). */
  json: Record<string, unknown>[];
  error: ErrorEventData | null;
}

/** A reply before any event: the protocol's default `meta`, no text. */
export function createReplyState(): ReplyState {
  return {
    meta: { ...DEFAULT_META },
    text: "",
    suggestedReplies: [],
    files: [],
    metadata: null,
    json: [],
    error: null,
  };
}

/**
 * Folds one validated event into the reply, in place (this runs once per token, so it does not
 * copy the state). Validation and ordering rules are the stream reader's job.
 */
export function applyBotEvent(state: ReplyState, event: BotEvent): void {
  switch (event.event) {
    case "meta":
      state.meta = { ...DEFAULT_META, ...event.data };
      break;
    case "text":
      state.text += event.data.text;
      break;
    case "replace_response":
      state.text = event.data.text;
      break;
    case "suggested_reply":
      state.suggestedReplies.push(event.data.text);
      break;
    case "file":
      state.files.push(event.data);
      break;
    case "data":
      state.metadata = event.data.metadata;
      break;
    case "json":
      state.json.push(event.data);
      break;
    case "error":
      state.error = event.data;
      break;
    case "done":
      // The end of the stream changes nothing in the reply itself.
      break;
  }
}
