import { MAX_BOT_CALLS_PER_MESSAGE } from "@parlor/protocol";

/** A query a bot is answering right now, which entitles it to call the bots it declared. */
export interface LiveQuery {
  botQueryId: string;
  /** The bot answering. */
  botId: string;
  botHandle: string;
  /** The user whose message started it (calls are made on their behalf). */
  userId: string;
  /** The bot message being written. */
  messageId: string;
  /** Declared dependencies (handle, lower-case → calls allowed per user message). */
  dependencies: Record<string, number>;
  /** Calls made so far, per dependency and in all. */
  calls: Map<string, number>;
  totalCalls: number;
  /** Handles of the bots on the call path, to refuse loops. */
  path: string[];
}

/**
 * Which queries are live, by `bot_query_id`. A server bot calling `/bot/<name>` with its access
 * key is matched to its live query, so its declared dependencies and the 100-calls-per-message
 * budget apply. In-process for one instance; several instances would share it through Redis.
 */
export function createLiveQueries() {
  const live = new Map<string, LiveQuery>();
  return {
    register(query: Omit<LiveQuery, "calls" | "totalCalls">): LiveQuery {
      const entry: LiveQuery = { ...query, calls: new Map(), totalCalls: 0 };
      live.set(query.botQueryId, entry);
      return entry;
    },
    get: (botQueryId: string) => live.get(botQueryId),
    unregister(botQueryId: string) {
      live.delete(botQueryId);
    },
    /** The most calls to other bots one user message may cause. */
    maxCallsPerMessage: MAX_BOT_CALLS_PER_MESSAGE,
  };
}

/** The live query registry. */
export type LiveQueries = ReturnType<typeof createLiveQueries>;
