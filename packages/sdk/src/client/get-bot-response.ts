import {
  PROTOCOL_VERSION,
  type ProtocolMessage,
  type ProtocolMessageInput,
  type QueryRequestInput,
} from "@parlor/protocol";
import type { PartialResponse } from "./partial-response.js";
import { streamRequest, type StreamRequestOptions } from "./stream-request.js";

/** Options of `getBotResponse`: the request's tunables besides those of `streamRequest`. */
export interface GetBotResponseOptions extends StreamRequestOptions {
  temperature?: number;
  skipSystemPrompt?: boolean;
  /** Asks the called bot to speak under the caller's name. */
  adoptCurrentBotName?: boolean;
  logitBias?: Record<string, number>;
  stopSequences?: string[];
}

/**
 * Calls a bot from a script with a conversation of your own, charged to the API key's account.
 * The request carries empty user, conversation and message ids, as fastapi_poe's does.
 *
 * @example
 * for await (const piece of getBotResponse([{ role: "user", content: "Hi" }], "GPT-5.4", key)) {
 *   process.stdout.write(piece.text);
 * }
 */
export function getBotResponse(
  messages: readonly (ProtocolMessage | ProtocolMessageInput)[],
  botName: string,
  apiKey: string,
  options: GetBotResponseOptions = {},
): AsyncGenerator<PartialResponse> {
  const { temperature, skipSystemPrompt, adoptCurrentBotName, logitBias, stopSequences, ...rest } =
    options;
  const request: QueryRequestInput = {
    version: PROTOCOL_VERSION,
    type: "query",
    query: [...messages],
    user_id: "",
    conversation_id: "",
    message_id: "",
  };
  // Unset options are left out so the request's defaults apply.
  if (temperature !== undefined) request.temperature = temperature;
  if (skipSystemPrompt !== undefined) request.skip_system_prompt = skipSystemPrompt;
  if (adoptCurrentBotName !== undefined) request.adopt_current_bot_name = adoptCurrentBotName;
  if (logitBias !== undefined) request.logit_bias = logitBias;
  if (stopSequences !== undefined) request.stop_sequences = stopSequences;
  return streamRequest(request, botName, apiKey, rest);
}
