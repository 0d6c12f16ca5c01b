import { randomId } from "../auth/tokens.js";
import type { BotCallRow } from "../store/bot-calls-store.js";
import type { Store } from "../store/store.js";
import type { CallRecord } from "./dispatch-reply.js";

/**
 * The bot call log, written in batches: a turn must not cost an extra database write, so
 * records wait in memory for up to `flushMs` and go out in one insert.
 */
export function createCallLog(
  store: Store,
  options: { flushMs?: number; onError?: (error: unknown) => void } = {},
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
    record(
      call: CallRecord & {
        botId: string;
        messageId: string | null;
        userId: string | null;
        requestType: string;
      },
    ) {
      pending.push({
        id: randomId("call"),
        bot_id: call.botId,
        message_id: call.messageId,
        user_id: call.userId,
        request_type: call.requestType,
        started_at: call.startedAt,
        status: call.status,
        http_status: call.httpStatus,
        first_event_ms: call.firstEventMs,
        duration_ms: call.durationMs,
        event_count: call.eventCount,
        error: call.error,
      });
      timer ??= setTimeout(() => void flush(), options.flushMs ?? 2000);
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
