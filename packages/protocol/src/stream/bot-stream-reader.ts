import type { BotEvent, ErrorEventData } from "../events/bot-event.js";
import type { SseMessage } from "../sse/sse-decoder.js";
import { parseEventData, type EventDataProblem } from "./parse-event-data.js";

/** A protocol misuse to tell the bot about with a `report_error` request. */
export interface BotStreamReport {
  message: string;
  metadata: Record<string, unknown>;
}

/** Why a stream stopped before `done`. */
export interface BotStreamFailure {
  code:
    | "invalid_json"
    | "not_an_object"
    | "invalid_field"
    | "bot_error"
    | "too_much_text"
    | "too_many_events";
  /** Whether a caller may try the same request again (fastapi_poe's BotError vs NoRetry). */
  retryable: boolean;
  message: string;
  /** The bot's own `error` event, when that is what ended the stream. */
  botError?: ErrorEventData;
}

/** What one SSE message means for the reply. */
export type BotStreamStep =
  | { type: "event"; event: BotEvent; report?: BotStreamReport }
  | { type: "ignored"; report?: BotStreamReport }
  | { type: "failed"; failure: BotStreamFailure; report?: BotStreamReport }
  | { type: "done"; report?: BotStreamReport };

/** Options of the stream reader. */
export interface BotStreamReaderOptions {
  /** The `message_id` of the request, quoted in reports so the bot can find the reply. */
  messageId?: string;
  /** A request with `tools` may legitimately get no text back (only `json` tool calls). */
  toolsRequested?: boolean;
  /** Reply text longer than this fails the stream (the platform passes 100,000). */
  maxCharacters?: number;
  /** More events than this fail the stream (the platform passes 10,000). */
  maxEvents?: number;
}

/**
 * Interprets a bot's SSE messages one at a time, with the rules of Poe's reference client
 * (fastapi_poe's `perform_query_request`, reference §2.5): `meta` only counts first, pings and
 * events after `done` are ignored, malformed events are reported back to the bot and end the
 * stream as retryable or not, a missing `done` is reported at the end. No I/O: the caller sends
 * the reports and acts on the events.
 */
export class BotStreamReader {
  private eventCount = 0;
  private textLength = 0;
  private sawText = false;
  private reported = false;
  private finished = false;
  private readonly options: BotStreamReaderOptions;

  constructor(options: BotStreamReaderOptions = {}) {
    this.options = options;
  }

  /** Whether `done` (or a failure) has ended the stream. */
  get isFinished(): boolean {
    return this.finished;
  }

  /** Interprets the next SSE message. */
  read(message: SseMessage): BotStreamStep {
    if (this.finished) return { type: "ignored" };
    this.eventCount += 1;
    if (message.event === "ping") return { type: "ignored" };
    if (this.options.maxEvents !== undefined && this.eventCount > this.options.maxEvents) {
      return this.fail({
        code: "too_many_events",
        retryable: false,
        message: `Bot sent more than ${this.options.maxEvents} events`,
      });
    }
    if (message.event === "done") return this.done();
    if (message.event === "meta" && this.eventCount !== 1) return { type: "ignored" };

    const parsed = parseEventData(message);
    if (!parsed.ok) return this.onProblem(message, parsed.problem);
    return this.accept(parsed.event);
  }

  /** Call when the stream ends; reports a missing `done` the way the reference client does. */
  end(): BotStreamReport | undefined {
    if (this.finished) return undefined;
    this.finished = true;
    return this.report("Bot exited without sending 'done' event", {});
  }

  private accept(event: BotEvent): BotStreamStep {
    switch (event.event) {
      case "text":
      case "replace_response":
        return this.acceptText(event);
      case "error":
        return this.fail({
          code: "bot_error",
          retryable: event.data.allow_retry,
          message: event.data.text ?? "The bot returned an error",
          botError: event.data,
        });
      default:
        return { type: "event", event };
    }
  }

  private acceptText(event: Extract<BotEvent, { event: "text" | "replace_response" }>) {
    this.sawText = true;
    this.textLength =
      event.event === "replace_response"
        ? event.data.text.length
        : this.textLength + event.data.text.length;
    const max = this.options.maxCharacters;
    if (max !== undefined && this.textLength > max) {
      return this.fail({
        code: "too_much_text",
        retryable: false,
        message: `Bot sent more than ${max} characters`,
      });
    }
    return { type: "event", event } as const;
  }

  private done(): BotStreamStep {
    this.finished = true;
    // Like the reference client: no report if the bot was already told of another mistake.
    if (!this.sawText && !this.reported && !this.options.toolsRequested) {
      return { type: "done", report: this.report("Bot returned no text in response", {}) };
    }
    return { type: "done" };
  }

  private onProblem(message: SseMessage, problem: EventDataProblem): BotStreamStep {
    const report = this.report(problem.report, problem.metadata);
    if (
      problem.kind === "unknown_event" ||
      (message.event === "meta" && problem.kind === "invalid_field")
    ) {
      // Unknown events and a meta with bad values are dropped; the reply goes on.
      return { type: "ignored", report };
    }
    const failure: BotStreamFailure = {
      code: problem.kind,
      retryable: problem.kind === "not_an_object",
      message: problem.report,
    };
    return { ...this.fail(failure), report };
  }

  private fail(failure: BotStreamFailure): BotStreamStep {
    this.finished = true;
    return { type: "failed", failure };
  }

  private report(message: string, metadata: Record<string, unknown>): BotStreamReport {
    this.reported = true;
    return { message, metadata: { ...metadata, message_id: this.options.messageId ?? "" } };
  }
}
