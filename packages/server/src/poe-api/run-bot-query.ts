import type { BotEvent, QueryRequest } from "@parlor/protocol";
import type { Platform } from "../platform.js";
import type { CallContext } from "../relay/call-log.js";
import { dispatchReply, type DispatchOutcome } from "../relay/dispatch-reply.js";
import type { LiveQuery } from "../relay/live-queries.js";
import type { BotRow } from "../store/bots-store.js";

/** One call of a bot through an API (Poe's bot query API or the OpenAI-compatible one). */
export interface BotQueryRun {
  target: BotRow;
  request: QueryRequest;
  /** The user the call runs for. */
  userId: string;
  /** The calling bot's live query, for bot-to-bot calls. */
  parent: LiveQuery | undefined;
  signal: AbortSignal;
  onEvent: (event: BotEvent) => void;
  /** How the call log names the call: "bot_query" unless said ("replay" for an owner's). */
  requestType?: string;
  /** Told of each attempt's call id as it starts (a replay answers with the first). */
  onAttempt?: (callId: string) => void;
}

type Deps = Pick<Platform, "bots" | "callLog" | "liveQueries" | "liveCalls" | "registry" | "drain">;

/**
 * Runs the target for one reply with the reference client's rules (`dispatchReply`). While it
 * runs, the target's query is live, so a server bot called this way may call the bots it
 * declared in turn; the call path grows by the target, which is how loops are refused.
 */
export async function runBotQuery(deps: Deps, run: BotQueryRun): Promise<DispatchOutcome> {
  const { target, request, parent } = run;
  const settings = deps.registry.settingsOf(target);
  await deps.liveQueries.register(
    {
      botQueryId: request.bot_query_id,
      botId: target.id,
      botHandle: target.handle,
      userId: run.userId,
      messageId: parent?.messageId ?? request.message_id,
      dependencies: Object.fromEntries(
        Object.entries(settings.server_bot_dependencies).map(([name, count]) => [
          name.toLowerCase(),
          count,
        ]),
      ),
      path: [...(parent?.path ?? []), target.handle],
    },
    parent,
  );
  const call: CallContext = {
    botId: target.id,
    messageId: parent?.messageId ?? null,
    userId: run.userId,
    requestType: run.requestType ?? "bot_query",
    request,
    viaBot: parent !== undefined,
  };
  const watch = deps.liveCalls.watch(call);
  try {
    const dispatched = dispatchReply(deps.registry.runnerFor(target), request, {
      // A drain past its deadline cuts this call too, as an error the caller may retry.
      signal: AbortSignal.any([run.signal, deps.drain.signal]),
      onAttempt: (attempt) => {
        watch(attempt);
        run.onAttempt?.(attempt.id);
      },
      onEvent: (event) => {
        if (event.event === "meta" && event.data.refetch_settings) deps.bots.refetchSoon(target);
        run.onEvent(event);
      },
    });
    deps.drain.track(dispatched);
    const outcome = await dispatched;
    deps.callLog.record(outcome, call);
    return outcome;
  } finally {
    deps.liveQueries.unregister(request.bot_query_id);
  }
}
