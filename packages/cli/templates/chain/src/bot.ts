import { BotError, defineBot, errorResponse, streamRequest, suggestedReply } from "@parlor/sdk";

/** The bot this one calls: `echo` is built into Parlor. Declared in the settings below. */
export const TARGET = "echo";

/** Asks @echo and passes its answer on under a heading, with its suggested replies. */
export const bot = defineBot({
  async *onQuery(request, context) {
    yield `**@${TARGET}** says:\n\n`;
    // `parlor bot dev` points this at the local platform's /bot/; unset means Poe.
    const options = { baseUrl: process.env.PARLOR_BOT_BASE_URL, signal: context.signal };
    try {
      // The query goes on as it came (same ids), with this bot's own access key.
      for await (const piece of streamRequest(request, TARGET, request.access_key, options)) {
        if (piece.meta) continue;
        if (piece.suggestedReply !== undefined) yield suggestedReply(piece.suggestedReply);
        else if (piece.text !== "") yield piece.text;
      }
    } catch (error) {
      if (!(error instanceof BotError)) throw error;
      yield errorResponse(`@${TARGET} could not answer: ${error.message}`, {
        allowRetry: error.isRetryable,
      });
    }
  },
  settings: {
    introduction_message: `Hi! I pass what you say to @${TARGET} and show you its answer.`,
    // Platforms refuse calls to bots that are not declared here: 1 call per user message.
    server_bot_dependencies: { [TARGET]: 1 },
  },
});
