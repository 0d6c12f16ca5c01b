import { API_KEY_PREFIX } from "../auth/accounts.js";
import { principalOfBotOwner, type Principal } from "../auth/authorize.js";
import { NotFoundError } from "../errors.js";
import { chargeRateLimits, chargeUserCall } from "../http/rate-limit.js";
import type { Platform } from "../platform.js";
import type { LiveQuery } from "../relay/live-queries.js";
import type { BotRow } from "../store/bots-store.js";
import { botCallErrors } from "./bot-call-errors.js";
import { chargeBotCall } from "./call-budget.js";
import { isAccessKeyOf } from "./is-access-key-of.js";

/** What an authorized bot query may do: run `target` on behalf of `userId`. */
export interface BotCallGrant {
  target: BotRow;
  userId: string;
  /** The live query of the calling bot, when a bot called with its access key. */
  parent: LiveQuery | undefined;
}

type Deps = Pick<
  Platform,
  | "accounts"
  | "bots"
  | "liveQueries"
  | "registry"
  | "store"
  | "rateLimiter"
  | "config"
  | "dailyLimits"
>;

/** The key of `Authorization: Bearer <key>`; fastapi_poe always sends the Bearer form. */
export function bearerKey(header: string | undefined): string | undefined {
  return header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

/**
 * The target if `principal` may use it; unknown and hidden bots look the same, and get
 * `notFound`'s error.
 */
async function usableTarget(
  deps: Deps,
  principal: Principal,
  handle: string,
  notFound = botCallErrors.unknownBot,
): Promise<BotRow> {
  try {
    return await deps.bots.usable(principal, handle);
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound(handle.toLowerCase());
    throw error;
  }
}

/** The live query whose bot owns `key`, with that bot, or a 401 that says why not. */
async function liveQueryFor(
  deps: Deps,
  key: string,
  botQueryId: string,
): Promise<{ live: LiveQuery; caller: BotRow }> {
  const live = botQueryId ? await deps.liveQueries.get(botQueryId) : undefined;
  if (!live) {
    throw botCallErrors.invalidKey(
      botQueryId
        ? `bot_query_id '${botQueryId}' is not a query being answered now (a bot access key works only while its bot answers, with that query's bot_query_id)`
        : "a bot access key works only while its bot answers a query; forward that request's bot_query_id",
    );
  }
  const caller = await deps.store.bots.findById(live.botId);
  if (!caller || !isAccessKeyOf(deps.registry, caller, key)) {
    throw botCallErrors.invalidKey(`the key is not the access key of '${live.botHandle}'`);
  }
  return { live, caller };
}

/**
 * Decides whether a `POST /bot/<name>` may run, for either credential: a user API key (the call
 * runs as that user) or a server bot's access key during one of its live queries (the call runs
 * for the user that bot answers, on a public bot or one of its owner's, within its declared
 * dependencies and call budget). Either way it counts against that user's and the target's
 * rate limits.
 */
export async function authorizeBotCall(
  deps: Deps,
  input: { authorization: string | undefined; botQueryId: string; targetHandle: string },
): Promise<BotCallGrant> {
  const key = bearerKey(input.authorization);
  if (!key) throw botCallErrors.missingKey();
  if (key.startsWith(API_KEY_PREFIX)) {
    const actor = await deps.accounts.actorForApiKey(key);
    if (!actor) throw botCallErrors.invalidKey();
    const target = await usableTarget(deps, actor, input.targetHandle);
    await chargeUserCall(deps, "bot_query", { userId: actor.userId, botId: target.id });
    return { target, userId: actor.userId, parent: undefined };
  }
  const { live, caller } = await liveQueryFor(deps, key, input.botQueryId);
  const user = await deps.store.users.findById(live.userId);
  if (!user) throw botCallErrors.invalidKey("the user of this query no longer exists");
  // With its owner's rights, not the answered user's: answering an admin, or the owner of a
  // private bot, must not let another owner's bot reach it.
  const target = await usableTarget(
    deps,
    principalOfBotOwner(caller.owner_id),
    input.targetHandle,
    botCallErrors.unknownDependency,
  );
  // Before the call budget, so a call refused for the rate does not spend one of its calls.
  await chargeRateLimits(deps, "bot_query", { userId: live.userId, botId: target.id });
  await chargeBotCall(deps.liveQueries, live, target.handle);
  return { target, userId: live.userId, parent: live };
}
