import {
  BotError,
  DEFAULT_BOT_BASE_URL,
  defineBot,
  errorResponse,
  file,
  replaceResponse,
  streamRequest,
  suggestedReply,
  type Bot,
} from "@parlor/sdk";

/** Which bot the chain bot calls, and where. */
export interface ChainBotOptions {
  /** The bot to forward to, e.g. `"echo"`; declared in the settings' `server_bot_dependencies`. */
  target: string;
  /** The platform's bot query API; Poe's `https://api.poe.com/bot/` by default. */
  baseUrl?: string;
}

/**
 * A bot that calls another bot: it forwards each query as it came (same ids, its own access
 * key, as fastapi_poe does) and streams the reply back under a line naming the target, passing
 * on its suggested replies and files.
 */
export function createChainBot({ target, baseUrl = DEFAULT_BOT_BASE_URL }: ChainBotOptions): Bot {
  const heading = `**@${target}** says:\n\n`;
  return defineBot({
    async *onQuery(request, context) {
      yield heading;
      try {
        const options = { baseUrl, signal: context.signal };
        for await (const piece of streamRequest(request, target, request.access_key, options)) {
          if (piece.meta) continue;
          if (piece.suggestedReply !== undefined) yield suggestedReply(piece.suggestedReply);
          // A replace would wipe the heading too, so it is put back in front.
          else if (piece.isReplaceResponse) yield replaceResponse(heading + piece.text);
          else if (piece.attachment) yield file(piece.attachment);
          else if (piece.text !== "") yield piece.text;
        }
      } catch (error) {
        // Anything but a failed call is a bug, which the SDK reports as a generic error.
        if (!(error instanceof BotError)) throw error;
        yield errorResponse(`@${target} could not answer right now.`, {
          allowRetry: error.isRetryable,
          rawResponse: error.message,
        });
      }
    },
    settings: {
      introduction_message: `Hi! I pass everything you say to @${target} and show you its answer.`,
      // Poe refuses calls to bots that are not declared here; 1 call per user message.
      server_bot_dependencies: { [target]: 1 },
    },
  });
}
