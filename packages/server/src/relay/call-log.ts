import type { QueryRequest } from "@parlor/protocol";
import type { BotCallDetailsRow } from "../store/bot-call-details-store.js";
import type { BotCallRow } from "../store/bot-calls-store.js";
import type { Store } from "../store/store.js";
import type { UsageSums } from "../store/usage-store.js";
import { PendingUsage } from "../usage/pending-usage.js";
import { usageColumns, type CostOf, type UsageColumns } from "../usage/usage-columns.js";
import { utcDay } from "../usage/utc-day.js";
import { callRequestJson } from "./call-request-json.js";
import type { CallRecord, DispatchOutcome } from "./dispatch-reply.js";

/** Who a reply was for, and how the bot was called. */
export interface CallContext {
  botId: string;
  messageId: string | null;
  userId: string | null;
  requestType: string;
  /** The request every attempt sent, kept (redacted) in the call's details. */
  request: QueryRequest;
  /** A bot's call of its dependency for the user: costs count for the user, messages do not. */
  viaBot?: boolean;
  /** The reply's usage columns when the caller priced them already (the chat's final write). */
  usage?: UsageColumns;
}

/** The usage columns of a call that counted nothing (every attempt but a reply's last). */
const NO_USAGE = usageColumns(null, undefined);

/** A call whose details wait for the next write; the request is serialised only then. */
interface PendingDetails {
  callId: string;
  request: QueryRequest;
  record: CallRecord;
}

/** Calls waiting past this many are written at once, so details cannot pile up in memory. */
const MAX_PENDING_CALLS = 250;
/** Likewise for the bytes of their events. */
const MAX_PENDING_EVENT_BYTES = 8 * 1024 * 1024;

/**
 * The bot call log, written in batches: a turn must not cost an extra database write, so
 * records wait in memory for up to `flushMs` and go out in one insert, with each call's details
 * (request and events) in a second, and the usage sums per user, bot and day in a third. Every
 * call of a bot, from a chat reply, `/bot/<name>` or `/v1`, is recorded here; `onReply` sees
 * each reply as it is recorded, which is where metrics count them. A reply's tokens and cost go
 * on its last attempt, the one whose stream counted them.
 */
export function createCallLog(
  store: Store,
  options: {
    flushMs?: number;
    onError?: (error: unknown) => void;
    onReply?: (outcome: DispatchOutcome, context: CallContext) => void;
    /** Prices replies' tokens. */
    costOf?: CostOf;
    /** Which UTC day a reply counts on. */
    clock?: () => number;
    /** Sees each call's row as it is recorded (before it is written): live calls end there. */
    onRecorded?: (row: BotCallRow) => void;
  } = {},
) {
  const clock = options.clock ?? Date.now;
  let pending: BotCallRow[] = [];
  const pendingUsage = new PendingUsage();
  let pendingDetails: PendingDetails[] = [];
  let pendingEventBytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    clearTimeout(timer);
    timer = undefined;
    const rows = pending;
    const details = pendingDetails;
    const usage = pendingUsage.take();
    pending = [];
    pendingDetails = [];
    pendingEventBytes = 0;
    try {
      await store.botCalls.insertMany(rows);
      await store.botCallDetails.insertMany(detailRows(details));
    } catch (error) {
      options.onError?.(error);
    }
    // Apart, so the sums limits and the admin page read do not go with a failed call batch.
    try {
      await store.usage.addMany(usage);
    } catch (error) {
      options.onError?.(error);
    } finally {
      pendingUsage.written(usage);
    }
  };
  return {
    /** Logs every call (attempt) of one reply. */
    record(outcome: DispatchOutcome, context: CallContext) {
      const usage = context.usage ?? usageColumns(outcome.usage, options.costOf);
      if (context.userId !== null)
        pendingUsage.add(
          { day: utcDay(clock()), userId: context.userId, botId: context.botId },
          { message: !context.viaBot, usage },
        );
      outcome.calls.forEach((call, index) => {
        const id = call.id;
        const row: BotCallRow = {
          id,
          bot_id: context.botId,
          message_id: context.messageId,
          user_id: context.userId,
          request_type: context.requestType,
          started_at: call.startedAt,
          status: call.status,
          http_status: call.httpStatus,
          first_event_ms: call.firstEventMs,
          duration_ms: call.durationMs,
          event_count: call.eventCount,
          error: call.error,
          malformed_count: call.malformedCount,
          timed_out: call.timedOut ? 1 : 0,
          ...(index === outcome.calls.length - 1 ? usage : NO_USAGE),
        };
        pending.push(row);
        options.onRecorded?.(row);
        pendingDetails.push({ callId: id, request: context.request, record: call });
        pendingEventBytes += call.events.reduce((sum, event) => sum + event.data.length, 0);
      });
      if (pending.length >= MAX_PENDING_CALLS || pendingEventBytes >= MAX_PENDING_EVENT_BYTES)
        void flush();
      else timer ??= setTimeout(() => void flush(), options.flushMs ?? 2000);
      options.onReply?.(outcome, context);
    },
    /** A user's usage on `day` that is recorded and not written yet. */
    pendingUsageOf(userId: string, day: string): UsageSums {
      return pendingUsage.forUserOn(userId, day);
    },
    /** Writes everything pending now (shutdown, tests). */
    async flush() {
      await flush();
    },
  };
}

/** The stored details of pending calls; attempts of one reply share one serialised request. */
function detailRows(details: PendingDetails[]): BotCallDetailsRow[] {
  const requests = new Map<QueryRequest, ReturnType<typeof callRequestJson>>();
  return details.map(({ callId, request, record }) => {
    let sent = requests.get(request);
    if (!sent) requests.set(request, (sent = callRequestJson(request)));
    return {
      call_id: callId,
      request_json: sent.json,
      request_truncated: sent.truncated ? 1 : 0,
      events_json: JSON.stringify(record.events),
      events_truncated: record.eventsTruncated ? 1 : 0,
    };
  });
}

/** The bot call log writer. */
export type CallLog = ReturnType<typeof createCallLog>;
