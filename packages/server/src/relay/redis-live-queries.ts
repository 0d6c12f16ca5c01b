import type { Redis } from "ioredis";
import { MAX_BOT_CALLS_PER_MESSAGE } from "@parlor/protocol";
import { callersOf, type CallVerdict, type LiveQueries, type LiveQuery } from "./live-queries.js";

/** Longer than any reply may run; a query's entry is deleted when it is answered. */
const LIVE_TTL_MS = 30 * 60_000;

/**
 * Checks both budgets and counts the call in one step on the server. KEYS: the caller's entry,
 * then its callers'; ARGV: the target's field, the calls allowed of it, the per-message most.
 * Entries already gone (a caller that finished) are neither checked nor recreated.
 */
const COUNT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'ended' end
if tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') >= tonumber(ARGV[2]) then
  return 'dependency_budget'
end
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('HGET', key, 'total') or '0') >= tonumber(ARGV[3]) then
    return 'message_budget'
  end
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('HINCRBY', key, 'total', 1) end
end
return 'counted'`;

/**
 * Live queries in Redis, so a bot's callbacks (bot-to-bot calls, cost requests) may reach any
 * instance: one hash per query with its description and its call counts.
 */
export function createRedisLiveQueries(options: {
  redis: Redis;
  prefix: string;
  maxCallsPerMessage?: number;
  onError?: (error: unknown) => void;
}): LiveQueries {
  const { redis } = options;
  const maxCallsPerMessage = options.maxCallsPerMessage ?? MAX_BOT_CALLS_PER_MESSAGE;
  const keyOf = (botQueryId: string) => `${options.prefix}:query:${botQueryId}`;
  return {
    async register(query, parent) {
      const entry: LiveQuery = { ...query, callers: callersOf(parent) };
      const key = keyOf(query.botQueryId);
      await redis
        .multi()
        .hset(key, "query", JSON.stringify(entry))
        .pexpire(key, LIVE_TTL_MS)
        .exec();
      return entry;
    },
    async get(botQueryId) {
      const stored = await redis.hget(keyOf(botQueryId), "query");
      return stored ? (JSON.parse(stored) as LiveQuery) : undefined;
    },
    async count(caller, target, allowed) {
      const keys = [caller.botQueryId, ...caller.callers].map(keyOf);
      const verdict = await redis.eval(
        COUNT,
        keys.length,
        ...keys,
        `calls:${target}`,
        allowed,
        maxCallsPerMessage,
      );
      return verdict as CallVerdict;
    },
    unregister(botQueryId) {
      redis.del(keyOf(botQueryId)).catch((error: unknown) => options.onError?.(error));
    },
    maxCallsPerMessage,
  };
}
