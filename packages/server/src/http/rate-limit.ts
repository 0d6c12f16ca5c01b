import type { AdmitMessage } from "../chat/chat-service.js";
import { RateLimitedError } from "../errors.js";
import type { Platform } from "../platform.js";

/** What a limit counts: messages sent or regenerated, or bot queries (Poe and OpenAI APIs). */
export type LimitKind = "message" | "bot_query";

/** How many callers' worth a bot's own bucket holds, so one busy bot is not starved by its fame. */
const BOT_BUCKET_FACTOR = 10;

type Deps = Pick<Platform, "rateLimiter" | "config">;
type UserDeps = Deps & Pick<Platform, "dailyLimits">;

/**
 * Counts one message or bot query against the user's bucket and then the bot's, throwing a
 * 429 past either. Called once the caller is authenticated and the bot resolved, so a user's
 * sessions, API keys and spellings of a handle all share one count, and nothing is looked up.
 */
export async function chargeRateLimits(
  deps: Deps,
  kind: LimitKind,
  charge: { userId: string; botId: string },
): Promise<void> {
  const { messagesPerMinute, botQueriesPerMinute } = deps.config.rateLimits;
  const perUser = kind === "message" ? messagesPerMinute : botQueriesPerMinute;
  const what = kind === "message" ? "messages" : "bot queries";
  await take(deps, `${kind}:user:${charge.userId}`, perUser, (limit) =>
    kind === "message"
      ? `Too many messages: you may send at most ${limit} a minute`
      : `Too many bot queries: you may make at most ${limit} a minute`,
  );
  await take(
    deps,
    `${kind}:bot:${charge.botId}`,
    perUser * BOT_BUCKET_FACTOR,
    (limit) => `This bot is getting too many ${what}: at most ${limit} a minute from all users`,
  );
}

/**
 * For a call a user's own credential makes (a chat message, `/bot/<name>` with an API key,
 * `/v1`): their daily caps first, so a refused call spends nothing of the per-minute limits,
 * then the rate limits.
 */
export async function chargeUserCall(
  deps: UserDeps,
  kind: LimitKind,
  charge: { userId: string; botId: string },
): Promise<void> {
  await deps.dailyLimits.check(charge.userId);
  await chargeRateLimits(deps, kind, charge);
}

/** Admits a user's message to the bot answering it while within their daily and rate limits. */
export function admitMessageWithinRateLimits(deps: UserDeps, userId: string): AdmitMessage {
  return (_conversation, bot) => chargeUserCall(deps, "message", { userId, botId: bot.id });
}

/**
 * Counts a sign-up attempt from a client address, so one machine cannot create accounts (or
 * fill the approval queue) faster than the limit. Logins have their own throttle
 * (`auth/login-throttle.ts`).
 */
export async function chargeSignupAttempt(deps: Deps, address: string): Promise<void> {
  const limit = deps.config.rateLimits.signupsPerHour;
  const { count, retryAfterSeconds } = await deps.rateLimiter.add(
    `signup:address:${address}`,
    3_600_000,
  );
  if (count > limit)
    throw new RateLimitedError(
      `Too many sign-ups from your address: at most ${limit} an hour. Try again later.`,
      retryAfterSeconds,
    );
}

async function take(
  deps: Deps,
  bucket: string,
  limit: number,
  message: (limit: number) => string,
): Promise<void> {
  const decision = await deps.rateLimiter.take(bucket, limit);
  if (!decision.allowed) throw new RateLimitedError(message(limit), decision.retryAfterSeconds);
}
