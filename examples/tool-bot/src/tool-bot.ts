import {
  BotError,
  DEFAULT_BOT_BASE_URL,
  defineBot,
  errorResponse,
  replaceResponse,
  runToolLoop,
  suggestedReply,
  type Bot,
} from "@parlor/sdk";
import { toolExecutables, tools } from "./tools.js";

/** Which model bot answers, and where. */
export interface ToolBotOptions {
  /** A model bot that supports tools, e.g. `"GPT-4o-Mini"`. */
  model: string;
  /** The platform's bot query API; Poe's `https://api.poe.com/bot/` by default. */
  baseUrl?: string;
}

/** Each round of tool calls costs one more call of the model bot. */
const MAX_MODEL_CALLS = 4;

/**
 * A bot that answers through a model bot which may call its tools (`get_weather`, `add`): the
 * SDK's tool loop runs each call the model makes, sends the results back, and streams the
 * model's final answer.
 */
export function createToolBot({ model, baseUrl = DEFAULT_BOT_BASE_URL }: ToolBotOptions): Bot {
  return defineBot({
    async *onQuery(request, context) {
      const answer = runToolLoop({
        request,
        botName: model,
        apiKey: request.access_key,
        tools,
        executables: toolExecutables,
        maxCalls: MAX_MODEL_CALLS,
        baseUrl,
        signal: context.signal,
      });
      try {
        for await (const piece of answer) {
          if (piece.suggestedReply !== undefined) yield suggestedReply(piece.suggestedReply);
          else if (piece.isReplaceResponse) yield replaceResponse(piece.text);
          // Meta and the model's bookkeeping chunks (finish reason, usage) carry no text.
          else if (piece.text !== "") yield piece.text;
        }
      } catch (error) {
        if (!(error instanceof BotError)) throw error;
        yield errorResponse(`@${model} could not answer right now.`, {
          allowRetry: error.isRetryable,
          rawResponse: error.message,
        });
      }
    },
    settings: {
      introduction_message:
        "Hi! Ask me about the weather in Paris, London or Tokyo, or to add two numbers.",
      server_bot_dependencies: { [model]: MAX_MODEL_CALLS },
    },
  });
}
