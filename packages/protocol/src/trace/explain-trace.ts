import { BOT_EVENT_NAMES, type BotEventName } from "../events/bot-event.js";
import { FIRST_EVENT_TIMEOUT_MS } from "../limits.js";
import { parseEventData } from "../stream/parse-event-data.js";

/** One event of a call as the bot sent it, undecoded. */
export interface TracedEvent {
  /** Milliseconds since the request started. */
  ms: number;
  event: string;
  data: string;
}

/** Something a bot's author should know about a trace, in plain English. */
export interface TraceRemark {
  /** The index into the events of the event this is about; null for the trace as a whole. */
  event: number | null;
  level: "error" | "warning";
  text: string;
}

/** Options of {@link explainTrace}. */
export interface ExplainTraceOptions {
  /** The first event must come within this many milliseconds (the protocol's 5 s by default). */
  firstEventDeadlineMs?: number;
  /**
   * Whether the stream is over (the default). False while a call still runs: a missing `done`
   * or an empty reply is then not a mistake yet.
   */
  ended?: boolean;
}

/** What the explainer knows of the stream so far, event by event. */
interface TraceState {
  /**
   * What ended the stream, once something has: `done`, `error`, or a malformed event (the
   * platform stops reading at one, as the reference client does).
   */
  endedBy: "done" | "error" | "malformed" | null;
  /** Whether the reply so far has content a user sees (text, files, tool calls). */
  hasContent: boolean;
  suggestsOwnReplies: boolean;
  metaAsksForSuggestions: boolean;
  /** The text of the previous `replace_response`, to spot one used to stream. */
  lastReplacement: string | null;
}

const KNOWN_EVENTS = new Set<string>(BOT_EVENT_NAMES);

/**
 * Explains a bot's reply as its author needs it: events after `done`, a late first event,
 * malformed or unknown events, a stream that ends without `done`, the bot's own errors, and
 * misuse of `suggested_reply` and `replace_response`. The rules are the platform's (and Poe's
 * reference client's, reference §2.5). Pure: the inspector runs it on every update.
 */
export function explainTrace(
  events: readonly TracedEvent[],
  options: ExplainTraceOptions = {},
): TraceRemark[] {
  const remarks: TraceRemark[] = [];
  const deadline = options.firstEventDeadlineMs ?? FIRST_EVENT_TIMEOUT_MS;
  const first = events[0];
  if (first && first.ms > deadline) {
    remarks.push({
      event: 0,
      level: "error",
      text: `first event after ${seconds(first.ms)}: users see a timeout at ${seconds(deadline)}`,
    });
  }
  const state: TraceState = {
    endedBy: null,
    hasContent: false,
    suggestsOwnReplies: false,
    metaAsksForSuggestions: false,
    lastReplacement: null,
  };
  events.forEach((traced, index) => {
    for (const remark of explainEvent(traced, index, state))
      remarks.push({ event: index, ...remark });
  });
  if (state.suggestsOwnReplies && state.metaAsksForSuggestions) {
    remarks.push({
      event: null,
      level: "warning",
      text: "the bot sends its own `suggested_reply` events, so `meta.suggested_replies: true` has no effect",
    });
  }
  if (options.ended === false) return remarks;
  if (events.length === 0) {
    remarks.push({ event: null, level: "error", text: "the bot sent no events" });
  } else if (state.endedBy === null) {
    // Not after a malformed event: the platform's log stops there, whatever the bot sent next.
    remarks.push({
      event: null,
      level: "error",
      text: "the stream ended without `done`: the reply is kept, and the bot is told of the mistake",
    });
  } else if (state.endedBy === "done" && !state.hasContent) {
    remarks.push({
      event: null,
      level: "warning",
      text: "the bot sent `done` without any text: users see an empty reply",
    });
  }
  return remarks;
}

type EventRemark = Omit<TraceRemark, "event">;

/** The remarks about one event, updating what is known of the stream. */
function explainEvent(traced: TracedEvent, index: number, state: TraceState): EventRemark[] {
  const name = traced.event;
  if (name === "ping") return [];
  if (state.endedBy !== null) {
    // fastapi_poe sends `done` after an `error`: that one is expected.
    if (state.endedBy === "error" && name === "done") return [];
    if (state.endedBy === "malformed")
      return [warning(`\`${name}\` event after a malformed event is ignored`)];
    return [warning(`\`${name}\` event after \`${state.endedBy}\` is ignored`)];
  }
  if (!KNOWN_EVENTS.has(name)) {
    return [warning(`\`${name}\` is not a protocol event: it is ignored`)];
  }
  if (name === "done") {
    state.endedBy = "done";
    return [];
  }
  if (name === "meta" && index !== 0) {
    return [warning("`meta` counts only as the first event: this one is ignored")];
  }
  let data: unknown;
  try {
    data = JSON.parse(traced.data);
  } catch (error) {
    state.endedBy = "malformed";
    return [failure(`\`${name}\` event data is not valid JSON: ${shortReason(error)}`)];
  }
  const parsed = parseEventData(traced);
  if (!parsed.ok) {
    // A meta with a bad value is dropped and the reply goes on; any other mistake ends it.
    if (name === "meta")
      return [warning(`\`meta\` event: ${lowerFirst(parsed.problem.report)}: it is ignored`)];
    state.endedBy = "malformed";
    if (parsed.problem.kind === "not_an_object") {
      return [failure(`\`${name}\` event data is not a JSON object`)];
    }
    return [failure(`\`${name}\` event: ${lowerFirst(parsed.problem.report)}`)];
  }
  return explainValidEvent(name as BotEventName, data as Record<string, unknown>, state);
}

/** Remarks about an event the platform accepts. */
function explainValidEvent(
  name: BotEventName,
  data: Record<string, unknown>,
  state: TraceState,
): EventRemark[] {
  switch (name) {
    case "meta":
      state.metaAsksForSuggestions = data.suggested_replies === true;
      return [];
    case "error": {
      state.endedBy = "error";
      const text = typeof data.text === "string" && data.text !== "" ? data.text : null;
      const retry = data.allow_retry === false ? "no retry allowed" : "retry allowed";
      return [
        failure(
          text === null
            ? `the bot sent an error without text (${retry}): users see a generic error`
            : `the bot sent an error (${retry}): “${text}”`,
        ),
      ];
    }
    case "suggested_reply": {
      state.suggestsOwnReplies = true;
      const text = String(data.text);
      if (text.trim() === "")
        return [warning("`suggested_reply` with empty text: users see an empty button")];
      if (!state.hasContent) {
        return [warning("`suggested_reply` before any text: suggestions belong after the reply")];
      }
      return [];
    }
    case "replace_response": {
      const text = String(data.text);
      const previous = state.lastReplacement;
      state.lastReplacement = text;
      state.hasContent = true;
      // Resending the whole reply each time costs the square of its length: stream with `text`.
      if (
        previous !== null &&
        previous !== "" &&
        text.length > previous.length &&
        text.startsWith(previous)
      ) {
        return [
          warning(
            "`replace_response` repeats the previous one and adds to it: send only the new part in a `text` event",
          ),
        ];
      }
      return [];
    }
    case "text":
    case "file":
    case "json":
      state.hasContent = true;
      return [];
    default:
      return [];
  }
}

function warning(text: string): EventRemark {
  return { level: "warning", text };
}

function failure(text: string): EventRemark {
  return { level: "error", text };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Milliseconds as a reader says them: "6.2 s", "5 s". */
function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** The JSON parser's complaint, cut short: it may quote the whole data. */
function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 80 ? `${message.slice(0, 77)}...` : message;
}
