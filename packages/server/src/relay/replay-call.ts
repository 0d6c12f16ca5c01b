import { queryRequestSchema, type QueryRequest } from "@parlor/protocol";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import type { Platform } from "../platform.js";
import { runBotQuery } from "../poe-api/run-bot-query.js";
import type { BotRow } from "../store/bots-store.js";

type Deps = Pick<
  Platform,
  "bots" | "callLog" | "liveQueries" | "liveCalls" | "registry" | "store" | "logger" | "drain"
>;

/**
 * Sends a logged call's request to its bot again, for the bot's owner: the same body, through
 * the bot's runner (a server bot is reached through the outbound guard, like every call), logged
 * as a new call of type "replay", within the owner's limits. Answers with the new call's id as soon as it starts, so the
 * owner can watch it live; the call itself goes on in the background.
 */
export async function replayCall(
  deps: Deps,
  replay: {
    bot: BotRow;
    ownerId: string;
    callId: string;
    /** Charges the owner's limits (a replay is a bot query); throws to refuse it. */
    admit: () => Promise<void>;
  },
): Promise<{ callId: string }> {
  const { bot, ownerId } = replay;
  deps.drain.admit();
  const request = await loggedRequest(deps, bot, replay.callId);
  await replay.admit();
  let started!: (id: string) => void;
  const firstAttempt = new Promise<string>((resolve) => (started = resolve));
  const run = runBotQuery(deps, {
    target: bot,
    request,
    userId: ownerId,
    parent: undefined,
    // The owner's page follows the call live; leaving it does not stop the call.
    signal: new AbortController().signal,
    onEvent: () => {},
    requestType: "replay",
    onAttempt: (id) => started(id),
  });
  run.catch((error: unknown) => deps.logger.warn({ err: error, bot: bot.handle }, "replay failed"));
  // The first attempt starts before the bot is reached; the run fails first only when there is
  // no way to reach it at all (a server bot without an access key).
  return { callId: await Promise.race([firstAttempt, run.then(() => firstAttempt)]) };
}

/** The request a logged call sent, if it was kept whole. */
async function loggedRequest(deps: Deps, bot: BotRow, callId: string): Promise<QueryRequest> {
  await deps.callLog.flush();
  const call = await deps.store.botCalls.findForBot(bot.id, callId);
  if (!call) throw new NotFoundError("Call");
  const details = await deps.store.botCallDetails.find(call.id);
  if (!details)
    throw new InvalidRequestError(
      "This call was logged before Parlor kept requests: there is no request to replay",
    );
  if (details.request_truncated === 1)
    throw new InvalidRequestError(
      "The request was over 64 KiB and was cut in the log: it cannot be replayed",
    );
  const parsed = queryRequestSchema.safeParse(JSON.parse(details.request_json));
  if (!parsed.success)
    throw new InvalidRequestError("The logged request is not a query Parlor can send again");
  return parsed.data;
}
