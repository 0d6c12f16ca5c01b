import type { QueryRequest, QueryRequestInput } from "@parlor/protocol";
import { BotError } from "../errors.js";
import { streamRequest, type StreamRequestOptions } from "./stream-request.js";

/**
 * Calls a bot and waits for its whole reply: the text since the last replace, without meta or
 * suggested replies. Throws `BotError` when the bot sent no text at all.
 */
export async function getFinalResponse(
  request: QueryRequest | QueryRequestInput,
  botName: string,
  apiKey: string,
  options: StreamRequestOptions = {},
): Promise<string> {
  let chunks: string[] = [];
  for await (const response of streamRequest(request, botName, apiKey, options)) {
    if (response.meta || response.isSuggestedReply) continue;
    if (response.isReplaceResponse) chunks = [];
    chunks.push(response.text);
  }
  if (chunks.length === 0) throw new BotError(`Bot ${botName} sent no response`);
  return chunks.join("");
}
