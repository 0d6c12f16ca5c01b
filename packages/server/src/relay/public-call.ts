import { parseEventData } from "@parlor/protocol";
import type { BotCallDetailsRow } from "../store/bot-call-details-store.js";
import type { BotCallRow } from "../store/bot-calls-store.js";
import { callRequestJson } from "./call-request-json.js";
import type { LiveCall } from "./live-calls.js";
import type { ReceivedEvent } from "./received-events.js";

/** A logged call as the API shows it. */
export function publicCall(row: BotCallRow) {
  return { ...row, timed_out: row.timed_out === 1 };
}

/**
 * One call with what it sent and received. `request` is the body's JSON text (null for calls
 * logged before details were kept); `raw_response` is what the bot's `error` event told its
 * owner (the chat user only sees the error's text); `truncated` says whether the request or the
 * events were cut.
 */
export function publicCallDetails(row: BotCallRow, details: BotCallDetailsRow | undefined) {
  const requestTruncated = details?.request_truncated === 1;
  const eventsTruncated = details?.events_truncated === 1;
  const events = details ? (JSON.parse(details.events_json) as ReceivedEvent[]) : [];
  return {
    call: publicCall(row),
    request: details?.request_json ?? null,
    events,
    raw_response: rawResponseOf(events),
    truncated: requestTruncated || eventsTruncated,
    request_truncated: requestTruncated,
    events_truncated: eventsTruncated,
  };
}

/** A call still running, as the API shows it: a call log row with status "running". */
export function publicLiveCall(call: LiveCall, now: number) {
  const { events } = call.events;
  const { context } = call;
  return {
    id: call.id,
    bot_id: context.botId,
    message_id: context.messageId,
    user_id: context.userId,
    request_type: context.requestType,
    started_at: call.startedAt,
    status: "running" as const,
    http_status: null,
    first_event_ms: events[0]?.ms ?? null,
    duration_ms: now - call.startedAt,
    event_count: events.length,
    error: null,
    timed_out: false,
  };
}

/** A running call with its request and the events so far, shaped like {@link publicCallDetails}. */
export function publicLiveCallDetails(call: LiveCall, now: number) {
  const request = callRequestJson(call.context.request);
  return {
    call: publicLiveCall(call, now),
    request: request.json,
    events: [...call.events.events],
    raw_response: rawResponseOf(call.events.events),
    truncated: request.truncated || call.events.truncated,
    request_truncated: request.truncated,
    events_truncated: call.events.truncated,
  };
}

/** The `raw_response` of the call's `error` event (it ends the call, so the last one counts). */
function rawResponseOf(events: readonly ReceivedEvent[]): string | null {
  const error = events.findLast((event) => event.event === "error");
  if (!error) return null;
  const parsed = parseEventData(error);
  if (!parsed.ok || parsed.event.event !== "error") return null;
  return parsed.event.data.raw_response ?? null;
}
