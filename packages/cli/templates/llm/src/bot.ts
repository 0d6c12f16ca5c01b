import { protocolMessageSchema } from "@parlor/protocol";
import { BotError, defineBot, errorResponse, streamRequest } from "@parlor/sdk";

/** The model bot that writes the answers; on Parlor it exists once its provider is set up. */
export const MODEL = "GPT-4o";

/** What the model is told before the conversation: edit it to give the bot its character. */
export const SYSTEM_PROMPT = "You are a friendly assistant. Answer in at most three sentences.";

/** Answers through a model bot, with a system prompt of its own in front of the conversation. */
export const bot = defineBot({
  async *onQuery(request, context) {
    const system = protocolMessageSchema.parse({ role: "system", content: SYSTEM_PROMPT });
    const prompt = { ...request, query: [system, ...request.query] };
    // `parlor bot dev` points this at the local platform's /bot/; unset means Poe.
    const options = { baseUrl: process.env.PARLOR_BOT_BASE_URL, signal: context.signal };
    try {
      for await (const piece of streamRequest(prompt, MODEL, request.access_key, options)) {
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
    introduction_message: "Hi! Ask me anything.",
    // Platforms refuse calls to bots that are not declared here: 1 call per user message.
    server_bot_dependencies: { [MODEL]: 1 },
  },
});
