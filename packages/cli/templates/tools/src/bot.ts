import { BotError, defineBot, errorResponse, runToolLoop } from "@parlor/sdk";
import { toolExecutables, tools } from "./tools.js";

/** A model bot that can call tools; on Parlor it exists once its provider is set up. */
export const MODEL = "GPT-4o";

/** Each round of tool calls is one more call of the model. */
const MAX_MODEL_CALLS = 4;

/** Answers through a model that may call this bot's tools; the SDK runs the calls it makes. */
export const bot = defineBot({
  async *onQuery(request, context) {
    const answer = runToolLoop({
      request,
      botName: MODEL,
      apiKey: request.access_key,
      tools,
      executables: toolExecutables,
      maxCalls: MAX_MODEL_CALLS,
      // `parlor bot dev` points this at the local platform's /bot/; unset means Poe.
      baseUrl: process.env.PARLOR_BOT_BASE_URL,
      signal: context.signal,
    });
    try {
      for await (const piece of answer) {
        if (!piece.meta && !piece.isSuggestedReply && piece.text !== "") yield piece.text;
      }
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      yield errorResponse(`@${MODEL} could not answer: ${error.message}`, {
        allowRetry: error.isRetryable,
      });
    }
  },
  settings: {
    introduction_message: "Hi! Ask me to add two numbers.",
    server_bot_dependencies: { [MODEL]: MAX_MODEL_CALLS },
  },
});
