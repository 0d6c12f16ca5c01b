import { protocolMessageSchema, type QueryRequest, type SseMessage } from "@parlor/protocol";
import type { BotReplyStream, BotRunner, ReplySink, ReplyUsage } from "../relay/bot-runner.js";
import type { BotRow } from "../store/bots-store.js";
import { eventText } from "./event-text.js";
import { renderPrompt, variableValues } from "./prompt-variables.js";
import { suggestReplies } from "./suggested-replies.js";

/** The bot a prompt bot calls, or the sentence that says why it cannot. */
export type BaseLookup = { base: BotRow; runner: BotRunner } | { unavailable: string };

/** What a prompt runner needs from the platform. */
export interface PromptRunnerDeps {
  /** The prompt bot's base bot and its runner, checked against what its creator may use. */
  baseOf(bot: BotRow): Promise<BaseLookup>;
  /** The display name of the user a query is answered for, when one is known. */
  userNameOf(request: QueryRequest): Promise<string | null>;
  clock: () => number;
}

/** The query the base bot receives: the creator's prompt first, as a system message. */
export function withPrompt(
  request: QueryRequest,
  bot: BotRow,
  userName: string | null,
  now: number,
) {
  const prompt = renderPrompt(
    bot.prompt_text ?? "",
    variableValues({ userName, botName: bot.display_name, now }),
  );
  const system = protocolMessageSchema.parse({ role: "system", content: prompt });
  return {
    ...request,
    query: prompt.trim() === "" ? request.query : [system, ...request.query],
    temperature: request.temperature ?? bot.prompt_temperature,
  };
}

/** A reply that is one error event: the base bot is gone or not the creator's to use. */
function errorReply(text: string): BotReplyStream {
  return {
    status: 200,
    format: "sse",
    read(sink) {
      sink.message({ event: "error", data: JSON.stringify({ text, allow_retry: false }) });
      sink.end();
      return () => {};
    },
  };
}

/** Adds the suggestion call's tokens to the reply's, when both were counted. */
function addUsage(reply: ReplyUsage | null, more: ReplyUsage | null): ReplyUsage | null {
  if (!reply || !more) return reply ?? more;
  return {
    ...reply,
    inputTokens: reply.inputTokens + more.inputTokens,
    outputTokens: reply.outputTokens + more.outputTokens,
  };
}

/**
 * Runs a prompt bot: its creator's prompt (variables filled in) is put before the conversation
 * as a system message, its temperature asked for, and the base bot answers; the base bot's
 * events pass through untouched. With suggested replies on, the platform asks the base bot for
 * follow-ups once the reply is written (unless the base sent its own) and sends them before `done`.
 */
export function createPromptRunner(bot: BotRow, deps: PromptRunnerDeps): BotRunner {
  const suggest = bot.prompt_suggest_replies === 1;
  return {
    async query(request, signal) {
      const lookup = await deps.baseOf(bot);
      if ("unavailable" in lookup) return errorReply(lookup.unavailable);
      const { runner } = lookup;
      const baseRequest = withPrompt(request, bot, await deps.userNameOf(request), deps.clock());
      const stream = await runner.query(baseRequest, signal);
      if (!suggest) return stream;
      let suggestionUsage: ReplyUsage | null = null;
      return {
        status: stream.status,
        format: stream.format,
        usage: () => addUsage(stream.usage?.() ?? null, suggestionUsage),
        read(sink: ReplySink) {
          const suggesting = new AbortController();
          let reply = "";
          let keepsOwn = false;
          // Set while follow-ups are asked for: `done` and the end wait for them.
          let pending: Promise<void> | null = null;
          const message = (message: SseMessage) => {
            if (message.event === "suggested_reply" || message.event === "error") keepsOwn = true;
            if (message.event === "text") reply += eventText(message.data);
            if (message.event === "replace_response") reply = eventText(message.data);
            if (message.event !== "done" || keepsOwn || reply.trim() === "" || pending) {
              sink.message(message);
              return;
            }
            pending = suggestReplies({
              runner,
              request: baseRequest,
              reply,
              signal: suggesting.signal,
            })
              .then(({ suggestions, usage }) => {
                suggestionUsage = usage;
                for (const text of suggestions) {
                  sink.message({ event: "suggested_reply", data: JSON.stringify({ text }) });
                }
              })
              .catch(() => {})
              .finally(() => {
                if (!suggesting.signal.aborted) sink.message(message);
              });
          };
          const stop = stream.read({
            message,
            end: () => (pending ? void pending.then(() => sink.end()) : sink.end()),
            fail: (error) => sink.fail(error),
          });
          return () => {
            suggesting.abort();
            stop();
          };
        },
      };
    },
    // The base bot's settings (attachments, controls, dependencies) are the prompt bot's.
    async settings(signal) {
      const lookup = await deps.baseOf(bot);
      if ("unavailable" in lookup) throw new Error(lookup.unavailable);
      return lookup.runner.settings(signal);
    },
    report: () => Promise.resolve(),
  };
}
