import { Hono } from "hono";
import { z } from "zod";
import { normalizedEmail } from "../../auth/email-address.js";
import { invalidField } from "../../errors.js";
import type { Platform } from "../../platform.js";
import type { UsageSums } from "../../store/usage-store.js";
import { dailyLimitsSchema, type DailyLimits } from "../../usage/daily-limits.js";
import { priceOverridesSchema } from "../../usage/price-book.js";
import { firstDayOf, nextUtcMidnight, utcDay } from "../../usage/utc-day.js";
import type { AppEnv } from "../app-env.js";
import { readQueryAs } from "../list-query.js";
import { readJsonAs } from "../read-json.js";

const periodSchema = z.object({
  days: z.enum(["1", "7", "30"], { message: "days must be 1, 7 or 30" }).default("1"),
});
const overridesBodySchema = z.strictObject({ overrides: priceOverridesSchema });
const capsSchema = dailyLimitsSchema.shape.default;
const limitsBodySchema = z.strictObject({
  default: capsSchema,
  users: z.array(capsSchema.extend({ email: z.string().trim().min(1).max(320) })).max(10_000),
});

/** Sums as the API shows them (snake_case). */
function publicSums(sums: UsageSums) {
  return {
    messages: sums.messages,
    replies: sums.replies,
    input_tokens: sums.inputTokens,
    output_tokens: sums.outputTokens,
    cost_usd: sums.costUsd,
    unpriced_replies: sums.unpricedReplies,
  };
}

/** A price per million tokens as the API shows it. */
function snakePrice(price: { inputPerMillion: number; outputPerMillion: number } | null) {
  return (
    price && {
      input_per_million: price.inputPerMillion,
      output_per_million: price.outputPerMillion,
    }
  );
}

/** The caps with each user's email, as the admin page edits them. */
async function publicLimits(platform: Platform, limits: DailyLimits) {
  const users = await Promise.all(
    Object.entries(limits.users).map(async ([id, caps]) => ({
      user_id: id,
      email: (await platform.store.users.findById(id))?.email ?? null,
      ...caps,
    })),
  );
  return { default: limits.default, users, resets_at: nextUtcMidnight(platform.clock()) };
}

/**
 * The admin's usage page: cost and tokens per user and per bot over the last 1, 7 or 30 UTC
 * days, the price overrides, and the daily limits. Mounted inside the admin API.
 */
export const adminUsageRoutes = new Hono<AppEnv>()
  .get("/usage", async (context) => {
    const { platform } = context.var;
    const days = Number(readQueryAs(context, periodSchema).days);
    const now = platform.clock();
    const from = firstDayOf(days, now);
    const [users, bots] = await Promise.all([
      platform.store.usage.perUserSince(from),
      platform.store.usage.perBotSince(from),
    ]);
    return context.json({
      period: { days, from_day: from, to_day: utcDay(now) },
      users: users.map((row) => ({ user_id: row.id, email: row.label, ...publicSums(row) })),
      bots: bots.map((row) => ({ bot_id: row.id, handle: row.label, ...publicSums(row) })),
    });
  })
  .get("/prices", async (context) => {
    const { prices } = context.var.platform;
    const overrides = await prices.overrides();
    return context.json({
      overrides: overrides.map((entry) => ({
        provider: entry.provider,
        model: entry.model,
        input_per_million: entry.inputPerMillion,
        output_per_million: entry.outputPerMillion,
        package_price: snakePrice(prices.packagePrice(entry.provider, entry.model)),
      })),
    });
  })
  .put("/prices", async (context) => {
    const { overrides } = await readJsonAs(context, overridesBodySchema);
    await context.var.platform.prices.setOverrides(overrides);
    return context.json({ overrides });
  })
  .get("/daily-limits", async (context) => {
    const { platform } = context.var;
    return context.json(await publicLimits(platform, await platform.dailyLimits.current()));
  })
  .put("/daily-limits", async (context) => {
    const { platform } = context.var;
    const body = await readJsonAs(context, limitsBodySchema);
    const users: DailyLimits["users"] = {};
    for (const [index, { email, ...caps }] of body.users.entries()) {
      const user = await platform.store.users.findByEmail(normalizedEmail(email));
      if (!user) throw invalidField(`users.${index}.email`, `No account has the email ${email}`);
      users[user.id] = caps;
    }
    const limits = { default: body.default, users };
    await platform.dailyLimits.set(limits);
    return context.json(await publicLimits(platform, limits));
  });
