import type { Context } from "hono";
import { encodeSseEvent } from "@parlor/protocol";
import { NotFoundError } from "../../errors.js";
import { eventStreamResponse, type StreamWriter } from "../../poe-api/event-stream-response.js";
import type { LiveCalls } from "../../relay/live-calls.js";
import { publicCall } from "../../relay/public-call.js";
import type { BotCallRow } from "../../store/bot-calls-store.js";
import type { BotRow } from "../../store/bots-store.js";
import type { AppEnv } from "../app-env.js";
import { streamClient } from "../stream-client.js";

/**
 * One call's events as they arrive, for its owner: `event` for each event after index `after`
 * (`{index, ms, event, data}`, data undecoded as the bot sent it), then `end` with the call as
 * logged (`{call}`). A call that is over gets its `end` at once; one not known is a 404.
 */
export async function liveCallStream(
  context: Context<AppEnv>,
  bot: BotRow,
  callId: string,
  after: number,
): Promise<Response> {
  const { liveCalls, callLog, store, logger } = context.var.platform;
  const findLogged = async () => {
    await callLog.flush();
    return store.botCalls.findForBot(bot.id, callId);
  };
  const isLive = liveCalls.find(bot.id, callId) !== undefined;
  const logged = isLive ? undefined : await findLogged();
  if (!isLive && !logged) throw new NotFoundError("Call");
  return eventStreamResponse(
    async (write, signal) => {
      // Recorded between the look-up and now (or just now): the log has it.
      const row =
        logged ?? (await follow(liveCalls, callId, after, write, signal)) ?? (await findLogged());
      if (row && !signal.aborted)
        write(encodeSseEvent({ event: "end", data: { call: publicCall(row) } }));
    },
    {
      client: streamClient(context),
      onError: (error) => logger.warn({ err: error }, "live call stream failed"),
    },
  );
}

/**
 * Writes the live call's events until it is recorded (its row) or the client goes (undefined);
 * undefined at once when it is not live any more.
 */
function follow(
  liveCalls: LiveCalls,
  callId: string,
  after: number,
  write: StreamWriter,
  signal: AbortSignal,
): Promise<BotCallRow | undefined> {
  return new Promise((resolve) => {
    const unsubscribe = liveCalls.subscribe(callId, after, {
      event: (event, index) => write(encodeSseEvent({ event: "event", data: { index, ...event } })),
      end: (row) => {
        signal.removeEventListener("abort", gone);
        resolve(row);
      },
    });
    const gone = () => {
      unsubscribe?.();
      resolve(undefined);
    };
    if (!unsubscribe) return resolve(undefined);
    signal.addEventListener("abort", gone, { once: true });
  });
}
