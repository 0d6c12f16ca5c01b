import type { QueryRequest, QueryRequestInput } from "@parlor/protocol";
import { BotError, BotErrorNoRetry } from "../errors.js";
import { abortableSleep } from "./abortable-sleep.js";
import { buildQueryPayload, type ToolFields } from "./build-query-payload.js";
import {
  DEFAULT_BOT_BASE_URL,
  defaultErrorHandler,
  type ClientOptions,
  type ErrorHandler,
} from "./client-options.js";
import { mergeHeaders } from "./merge-headers.js";
import type { PartialResponse } from "./partial-response.js";
import { performQueryRequest } from "./perform-query-request.js";

/** How one bot query is sent and retried. */
export interface QueryOptions extends ClientOptions, ToolFields {
  /** How many times to try before giving up (a try is repeated only if it yielded nothing). */
  numTries?: number;
  /** Pause between tries. */
  retrySleepMs?: number;
  /** Hears about the called bot's protocol mistakes and about failed tries; logs by default. */
  onError?: ErrorHandler;
  /** Headers added to every request; they may override the defaults. */
  extraHeaders?: Record<string, string>;
}

/**
 * Sends one bot query and streams the reply, trying again after a failure as long as nothing
 * was yielded yet (a retry then cannot duplicate output) and the failure is not final.
 */
export async function* streamRequestBase(
  request: QueryRequest | QueryRequestInput,
  botName: string,
  apiKey: string,
  options: QueryOptions = {},
): AsyncGenerator<PartialResponse> {
  const payload = buildQueryPayload(request, options);
  const onError = options.onError ?? defaultErrorHandler;
  const numTries = options.numTries ?? 2;
  const attempt = {
    endpoint: `${options.baseUrl ?? DEFAULT_BOT_BASE_URL}${botName}`,
    headers: mergeHeaders(
      {
        // fastapi_poe 0.0.81 sends exactly these (see standin_requests.jsonl).
        Accept: "text/event-stream",
        "Cache-Control": "no-store",
        Authorization: `Bearer ${apiKey}`,
        "Content-Type": "application/json",
      },
      options.extraHeaders,
    ),
    body: JSON.stringify(payload),
    botName,
    messageId: payload.message_id,
    // fastapi_poe tests `not tools`: an empty list counts as no tools.
    toolsRequested: (payload.tools?.length ?? 0) > 0,
    fetch: options.fetch ?? globalThis.fetch,
    onError,
    signal: options.signal,
  };
  let yielded = false;
  for (let tryIndex = 0; ; tryIndex += 1) {
    try {
      for await (const response of performQueryRequest(attempt)) {
        yielded = true;
        yield response;
      }
      return;
    } catch (error) {
      if (error instanceof BotErrorNoRetry || options.signal?.aborted) throw error;
      if (yielded || tryIndex >= numTries - 1) {
        // A BotError already says what went wrong; anything else (network, HTTP) gets the bot's name.
        if (error instanceof BotError) throw error;
        throw new BotError(`Error communicating with bot ${botName}`, { cause: error });
      }
      onError(
        error instanceof Error ? error : new Error(String(error)),
        `Bot request to ${botName} failed on try ${tryIndex}`,
      );
      await abortableSleep(options.retrySleepMs ?? 500, options.signal);
    }
  }
}
