import { BotStreamReader, decodeSse, type BotStreamFailure } from "@parlor/protocol";
import { BotError, BotErrorNoRetry } from "../errors.js";
import type { PartialResponse } from "./partial-response.js";
import { readBody } from "./read-body.js";
import { reportError, type ReportTarget } from "./report-error.js";
import { toPartialResponse } from "./to-partial-response.js";

/** One try of a bot query: where to send it and how to read the reply. */
export interface QueryAttempt extends ReportTarget {
  botName: string;
  /** The serialised `query` request. */
  body: string;
  /** The request's `message_id`, quoted in reports. */
  messageId: string;
  /** A request with tools may get no text back, and its chunks' content is reply text. */
  toolsRequested: boolean;
}

/** Answers that trying again cannot change, with what to check; anything else may be passing. */
const FINAL_STATUSES: Readonly<Record<number, string>> = {
  401: "the platform refused the key (a user API key, or the calling bot's access key)",
  403: "the key may not call this bot",
  404: "the platform has no bot by that name at this base URL",
};

function toError(failure: BotStreamFailure): BotError {
  const ErrorClass = failure.retryable ? BotError : BotErrorNoRetry;
  return new ErrorClass(failure.message, { cause: failure });
}

/**
 * Sends a `query` request once and yields the reply as it streams, reading it with the rules
 * of Poe's reference client: mistakes are reported back to the bot, an `error` event or a
 * broken event throws (`BotErrorNoRetry` when trying again cannot help), and anything after
 * `done` is ignored.
 */
export async function* performQueryRequest(attempt: QueryAttempt): AsyncGenerator<PartialResponse> {
  const response = await attempt.fetch(attempt.endpoint, {
    method: "POST",
    headers: attempt.headers,
    body: attempt.body,
    signal: attempt.signal,
  });
  if (response.status !== 200) {
    // A proxy's HTML error page can be huge; the start of it says enough.
    const text = (await response.text().catch(() => "")).slice(0, 1000);
    const message = `Bot ${attempt.botName} returned HTTP ${response.status} ${response.statusText}: ${text}`;
    const final = FINAL_STATUSES[response.status];
    if (final) throw new BotErrorNoRetry(`${message} (${final})`);
    throw new BotError(message);
  }
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("text/event-stream")) {
    await response.body?.cancel();
    throw new BotError(`Expected a text/event-stream reply, got '${contentType}'`);
  }
  const reader = new BotStreamReader({
    messageId: attempt.messageId,
    toolsRequested: attempt.toolsRequested,
  });
  for await (const message of decodeSse(readBody(response.body))) {
    const step = reader.read(message);
    if (step.report) await reportError(attempt, step.report);
    if (step.type === "failed") throw toError(step.failure);
    if (step.type === "event") {
      const partial = toPartialResponse(step.event, message, attempt.toolsRequested);
      if (partial) yield partial;
    }
    // Leaving the loop cancels the body, so a bot that keeps talking after `done` is cut off.
    if (reader.isFinished) return;
  }
  const report = reader.end();
  if (report) await reportError(attempt, report);
}
