import type { BotEvent, QueryRequest } from "@parlor/protocol";
import type { Store } from "../store/store.js";
import { publicUsage, usageColumns, type CostOf } from "../usage/usage-columns.js";
import type { BotRunner } from "./bot-runner.js";
import type { CallContext, CallLog } from "./call-log.js";
import type { Checkpoints } from "./checkpoints.js";
import { dispatchReply, type DispatchOptions, type DispatchOutcome } from "./dispatch-reply.js";
import type { GenerationLog } from "./generation-log.js";
import type { LiveCalls } from "./live-calls.js";

/** What a generation needs besides the request. */
export interface GenerationDeps {
  store: Store;
  log: GenerationLog;
  callLog: CallLog;
  /** Where owners watch calls live; none in tests that do not. */
  liveCalls?: LiveCalls;
  /** Saves the text so far of running replies now and then. */
  checkpoints: Checkpoints;
  clock?: () => number;
  /** Called when the bot asks for its settings to be fetched again. */
  onRefetchSettings?: () => void;
  onFinished?: (outcome: DispatchOutcome, botId: string) => void;
  /** Prices the reply's tokens, stored with it. */
  costOf?: CostOf;
  /** Aborted when the instance drains past its deadline: the reply is cut with its reason. */
  cut?: AbortSignal;
  /** Called when the reply's final state could not be stored; the caller logs it. */
  onStoreError?: (error: unknown, messageId: string) => void;
  limits?: Pick<
    DispatchOptions,
    "firstEventTimeoutMs" | "jsonReplyTimeoutMs" | "totalTimeoutMs" | "maxCharacters" | "maxEvents"
  >;
}

/** Events clients see; `data` and `json` stay between the bot and the platform. */
const CLIENT_EVENTS = new Set<BotEvent["event"]>([
  "meta",
  "text",
  "replace_response",
  "suggested_reply",
  "file",
]);

/**
 * Runs one reply: relays its events to attached clients through the generation log, has its
 * text so far checkpointed, and stores the reply once in its final
 * state (complete, incomplete or error). The bot message row must exist, status "streaming".
 */
export async function runGeneration(
  deps: GenerationDeps,
  target: { runner: BotRunner; botId: string; userId: string },
  request: QueryRequest,
): Promise<DispatchOutcome> {
  const clock = deps.clock ?? Date.now;
  const id = request.message_id;
  const controller = new AbortController();
  deps.log.start(id, (reason) => controller.abort(new Error(reason)));
  const cut = () => controller.abort(deps.cut?.reason);
  if (deps.cut?.aborted) cut();
  deps.cut?.addEventListener("abort", cut, { once: true });

  // The text clients have been sent so far: what a checkpoint saves.
  let textSoFar = "";
  const onEvent = (event: BotEvent) => {
    if (event.event === "text") textSoFar += event.data.text;
    if (event.event === "replace_response") textSoFar = event.data.text;
    if (event.event === "meta" && event.data.refetch_settings) deps.onRefetchSettings?.();
    if (CLIENT_EVENTS.has(event.event)) deps.log.publish(id, event.event, event.data);
  };

  const call: CallContext = {
    botId: target.botId,
    messageId: id,
    userId: target.userId,
    requestType: "query",
    request,
  };
  const untrack = deps.checkpoints.track(id, () => textSoFar);
  let outcome: DispatchOutcome;
  try {
    outcome = await dispatchReply(target.runner, request, {
      signal: controller.signal,
      onEvent,
      ...(deps.liveCalls && { onAttempt: deps.liveCalls.watch(call) }),
      ...deps.limits,
    });
  } finally {
    untrack();
    deps.cut?.removeEventListener("abort", cut);
  }
  const reply = outcome.reply;
  const usage = usageColumns(outcome.usage, deps.costOf);
  try {
    await deps.store.messages.update(id, {
      content: reply.text,
      content_type: reply.meta.content_type,
      status: outcome.status,
      error_text: outcome.errorText,
      error_allow_retry: outcome.allowRetry === null ? null : Number(outcome.allowRetry),
      suggested_replies_json: JSON.stringify(reply.suggestedReplies),
      files_json: JSON.stringify(reply.files),
      metadata: reply.metadata,
      updated_at: clock(),
      // Riding the reply's one final write: usage costs no extra round trip.
      ...usage,
    });
  } catch (error) {
    // Not rethrown: attached clients must still get `done`, and the chat service runs this in
    // the background (a rejection there would be unhandled). The row stays "streaming" and
    // the next start closes it with its last checkpoint.
    deps.onStoreError?.(error, id);
  }
  // Priced once: the log takes the columns the final write used.
  deps.callLog.record(outcome, { ...call, usage });
  deps.log.finish(id, {
    status: outcome.status,
    error: outcome.errorText,
    text: reply.text,
    allow_retry: outcome.allowRetry,
    usage: publicUsage(usage),
  });
  deps.onFinished?.(outcome, target.botId);
  return outcome;
}
