import { z } from "zod";
import type { Store } from "../store/store.js";
import type { UsageSums } from "../store/usage-store.js";
import { createCachedSetting } from "./cached-setting.js";
import { DailyLimitError } from "./daily-limit-error.js";
import { utcDay } from "./utc-day.js";

/** A daily cap on messages and on cost (US dollars); null: no cap. */
const capsSchema = z.strictObject({
  messages_per_day: z.number().int().min(0).max(1_000_000_000).nullable(),
  cost_usd_per_day: z.number().min(0).max(1_000_000).nullable(),
});

/** The caps in force for everyone, and users' own (which replace the default entirely). */
export const dailyLimitsSchema = z.strictObject({
  default: capsSchema,
  users: z.record(z.string().min(1).max(100), capsSchema),
});

/** The daily caps of one user, or everyone's. */
export type DailyCaps = z.infer<typeof capsSchema>;
/** Every daily cap the admin has set. */
export type DailyLimits = z.infer<typeof dailyLimitsSchema>;

const NO_LIMITS: DailyLimits = {
  default: { messages_per_day: null, cost_usd_per_day: null },
  users: {},
};

/** Where a user's usage for the day comes from: the written sums and those still pending. */
interface UsageSource {
  store: Pick<Store, "usage">;
  pendingUsageOf(userId: string, day: string): UsageSums;
}

/**
 * Per-user daily caps on messages and cost, checked before a user's credential reaches a bot
 * (chat, `/bot/<name>` with an API key, `/v1`). With no cap set this costs no database read.
 * Replies count when they end, so messages sent at once may all pass at the edge of a cap
 * (they are bounded by the per-minute rate limit), and on several instances each sees the
 * others' replies once their call logs write them (within seconds).
 */
export function createDailyLimits(deps: {
  store: Store;
  clock: () => number;
  usage: UsageSource;
  onError?: (error: unknown) => void;
}) {
  const setting = createCachedSetting<DailyLimits>({
    ...deps,
    key: "daily_limits",
    schema: dailyLimitsSchema,
    fallback: NO_LIMITS,
  });
  const capsOf = (limits: DailyLimits, userId: string) => limits.users[userId] ?? limits.default;
  return {
    current: () => setting.current(),
    set: (limits: DailyLimits) => setting.set(limits),
    /** A user's caps and use today. */
    async today(userId: string): Promise<{ caps: DailyCaps; used: UsageSums }> {
      const caps = capsOf(await setting.current(), userId);
      return { caps, used: await usedToday(deps.usage, userId, deps.clock()) };
    },
    /** Throws {@link DailyLimitError} when the user has reached a cap for today. */
    async check(userId: string): Promise<void> {
      const caps = capsOf(await setting.current(), userId);
      if (caps.messages_per_day === null && caps.cost_usd_per_day === null) return;
      const now = deps.clock();
      const used = await usedToday(deps.usage, userId, now);
      if (caps.messages_per_day !== null && used.messages >= caps.messages_per_day)
        throw new DailyLimitError(
          { kind: "messages", limit: caps.messages_per_day, used: used.messages },
          now,
        );
      if (caps.cost_usd_per_day !== null && used.costUsd >= caps.cost_usd_per_day)
        throw new DailyLimitError(
          { kind: "cost", limit: caps.cost_usd_per_day, used: used.costUsd },
          now,
        );
    },
  };
}

async function usedToday(source: UsageSource, userId: string, now: number): Promise<UsageSums> {
  const day = utcDay(now);
  const stored = await source.store.usage.forUserOn(userId, day);
  const pending = source.pendingUsageOf(userId, day);
  return {
    messages: stored.messages + pending.messages,
    replies: stored.replies + pending.replies,
    inputTokens: stored.inputTokens + pending.inputTokens,
    outputTokens: stored.outputTokens + pending.outputTokens,
    costUsd: stored.costUsd + pending.costUsd,
    unpricedReplies: stored.unpricedReplies + pending.unpricedReplies,
  };
}

/** The daily limits service. */
export type DailyLimitsService = ReturnType<typeof createDailyLimits>;
