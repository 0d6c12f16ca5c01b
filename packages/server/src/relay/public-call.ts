import type { BotCallDetailsRow } from "../store/bot-call-details-store.js";
import type { BotCallRow } from "../store/bot-calls-store.js";
import type { ReceivedEvent } from "./received-events.js";

/** A logged call as the API shows it. */
export function publicCall(row: BotCallRow) {
  return { ...row, timed_out: row.timed_out === 1 };
}

/**
 * One call with what it sent and received. `request` is the body's JSON text (null for calls
 * logged before details were kept); `truncated` says whether the request or the events were cut.
 */
export function publicCallDetails(row: BotCallRow, details: BotCallDetailsRow | undefined) {
  const requestTruncated = details?.request_truncated === 1;
  const eventsTruncated = details?.events_truncated === 1;
  return {
    call: publicCall(row),
    request: details?.request_json ?? null,
    events: details ? (JSON.parse(details.events_json) as ReceivedEvent[]) : [],
    truncated: requestTruncated || eventsTruncated,
    request_truncated: requestTruncated,
    events_truncated: eventsTruncated,
  };
}
