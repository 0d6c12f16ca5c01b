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
  /** Handles of the bots on the call path, to refuse loops. */
  path: string[];
  /**
   * The `bot_query_id`s of the queries that called this one, nearest first: one user message's
   * call budget covers the whole tree.
   */
  callers: string[];
}

/** What registering takes: the query, without its place in the call tree. */
export type NewLiveQuery = Omit<LiveQuery, "callers">;

/** Whether a call was counted, or which budget it would overspend. */
export type CallVerdict = "counted" | "dependency_budget" | "message_budget" | "ended";

/**
 * Which queries are live, by `bot_query_id`. A server bot calling `/bot/<name>` with its access
 * key, or charging a cost, is matched to its live query, so its declared dependencies and the
 * 100-calls-per-message budget apply. {@link createLiveQueries} serves one process;
 * `createRedisLiveQueries` lets a bot's callbacks reach any instance.
 */
export interface LiveQueries {
  /** Makes a query live (before it is sent: the bot may call back at once). */
  register(query: NewLiveQuery, parent?: LiveQuery): Promise<LiveQuery>;
  get(botQueryId: string): Promise<LiveQuery | undefined>;
  /**
   * Counts one call of `target` by `caller` unless that spends more than `allowed` calls of it
   * or more than {@link maxCallsPerMessage} along the call tree: atomic, so concurrent calls
   * cannot both take the last one.
   */
  count(caller: LiveQuery, target: string, allowed: number): Promise<CallVerdict>;
  /** The query was answered (failures are logged, the entry expires anyway). */
  unregister(botQueryId: string): void;
  /** The most calls to other bots one user message may cause. */
  maxCallsPerMessage: number;
}

/** The place in the call tree of a query `parent` called. */
export const callersOf = (parent: LiveQuery | undefined): string[] =>
  parent ? [parent.botQueryId, ...parent.callers] : [];

/** The live query registry of one process. */
export function createLiveQueries(maxCallsPerMessage = MAX_BOT_CALLS_PER_MESSAGE): LiveQueries {
  const live = new Map<
    string,
    { query: LiveQuery; calls: Map<string, number>; totalCalls: number }
  >();
  return {
    async register(query, parent) {
      const entry = { ...query, callers: callersOf(parent) };
      live.set(query.botQueryId, { query: entry, calls: new Map(), totalCalls: 0 });
      return entry;
    },
    get: async (botQueryId) => live.get(botQueryId)?.query,
    // Synchronous inside: no other call can slip in between check and count.
    async count(caller, target, allowed) {
      const own = live.get(caller.botQueryId);
      if (!own) return "ended";
      if ((own.calls.get(target) ?? 0) >= allowed) return "dependency_budget";
      const chain = [own, ...caller.callers.flatMap((id) => live.get(id) ?? [])];
      if (chain.some((entry) => entry.totalCalls >= maxCallsPerMessage)) return "message_budget";
      own.calls.set(target, (own.calls.get(target) ?? 0) + 1);
      for (const entry of chain) entry.totalCalls++;
      return "counted";
    },
    unregister(botQueryId) {
      live.delete(botQueryId);
    },
    maxCallsPerMessage,
  };
}
