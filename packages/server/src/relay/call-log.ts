import { randomId } from "../auth/tokens.js";
import type { BotCallRow } from "../store/bot-calls-store.js";
import type { Store } from "../store/store.js";
import type { DispatchOutcome } from "./dispatch-reply.js";

/** Who a reply was for, and how the bot was called. */
export interface CallContext {
  botId: string;
  messageId: string | null;
  userId: string | null;
  requestType: string;
}

/**
 * The bot call log, written in batches: a turn must not cost an extra database write, so
 * records wait in memory for up to `flushMs` and go out in one insert. Every call of a bot, from
 * a chat reply, `/bot/<name>` or `/v1`, is recorded here; `onReply` sees each reply as it is
 * recorded, which is where metrics count them.
 */
export function createCallLog(
  store: Store,
  options: {
    flushMs?: number;
    onError?: (error: unknown) => void;
    onReply?: (outcome: DispatchOutcome, context: CallContext) => void;
  } = {},
) {
  let pending: BotCallRow[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = async () => {
    timer = undefined;
    const rows = pending;
    pending = [];
    try {
      await store.botCalls.insertMany(rows);
    } catch (error) {
      options.onError?.(error);
    }
  };
  return {
    /** Logs every call (attempt) of one reply. */
    record(outcome: DispatchOutcome, context: CallContext) {
      for (const call of outcome.calls) {
        pending.push({
          id: randomId("call"),
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
        });
      }
      timer ??= setTimeout(() => void flush(), options.flushMs ?? 2000);
      options.onReply?.(outcome, context);
    },
    /** Writes everything pending now (shutdown, tests). */
    async flush() {
      clearTimeout(timer);
      await flush();
    },
  };
}

/** The bot call log writer. */
export type CallLog = ReturnType<typeof createCallLog>;
