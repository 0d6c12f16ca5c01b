import { RetryableStop } from "./drain.js";
import {
  BotStreamReader,
  FIRST_EVENT_TIMEOUT_MS,
  JSON_REPLY_TIMEOUT_MS,
  MAX_REPLY_CHARACTERS,
  MAX_REPLY_EVENTS,
  TOTAL_REPLY_TIMEOUT_MS,
  applyBotEvent,
  createReplyState,
  parseEventData,
  SseLimitError,
  MAX_EVENT_CHARACTERS,
  type BotEvent,
  type BotStreamStep,
  type QueryRequest,
  type ReplyState,
  type SseMessage,
} from "@parlor/protocol";
import { randomId } from "../auth/tokens.js";
import { OutboundError } from "../outbound/index.js";
import { BotCallError, type BotRunner, type ReplyUsage } from "./bot-runner.js";
import { formatDuration } from "./format-duration.js";
import { ReceivedEvents, type ReceivedEvent } from "./received-events.js";

/** One attempt at calling a bot, for the bot call log. */
export interface CallRecord {
  /** The call log's id of the attempt, given when it starts so it can be watched live. */
  id: string;
  startedAt: number;
  status: "ok" | "error";
  httpStatus: number | null;
  firstEventMs: number | null;
  durationMs: number;
  eventCount: number;
  error: string | null;
  /** Events the platform could not parse or refused (reported back to the bot). */
  malformedCount: number;
  /** Whether the attempt missed a deadline: the answer, the first event, the whole reply. */
  timedOut: boolean;
  /** The events as received, up to the call log's caps. */
  events: ReceivedEvent[];
  /** Whether events were left out of `events`. */
  eventsTruncated: boolean;
}

/** How a reply ended: exactly one final state. */
export interface DispatchOutcome {
  status: "complete" | "incomplete" | "error";
  /** What the user is told when the reply is not complete. */
  errorText: string | null;
  /**
   * For a reply that ended in error, whether trying again makes sense: false only when the
   * bot said so (`allow_retry: false`, or a JSON reply's `error`), true for the platform's own
   * failures (timeouts, an unreachable bot); null when the reply did not fail.
   */
  allowRetry: boolean | null;
  reply: ReplyState;
  /** The tokens the last attempt used, when its bot counts them (model bots); else null. */
  usage: ReplyUsage | null;
  calls: CallRecord[];
}

/** Limits and hooks for one reply. */
export interface DispatchOptions {
  /** Aborted by an explicit stop from the user or a shutdown; the reason's message is shown. */
  signal: AbortSignal;
  /** Each validated event, as it arrives; what the generation log relays. */
  onEvent: (event: BotEvent) => void;
  clock?: () => number;
  firstEventTimeoutMs?: number;
  /** How long a bot may take to answer with one JSON document instead of a stream. */
  jsonReplyTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxCharacters?: number;
  maxEvents?: number;
  retryDelayMs?: number;
  /** Called as each attempt starts, with the events it will collect (the live call view). */
  onAttempt?: (attempt: StartedAttempt) => void;
}

/** An attempt that has just started: its call id and the events it collects as they come. */
export interface StartedAttempt {
  id: string;
  startedAt: number;
  events: ReceivedEvents;
}

/** The limits in force for one reply: the options, or the protocol's defaults. */
interface ReplyLimits {
  firstEventMs: number;
  jsonReplyMs: number;
  totalMs: number;
  maxCharacters: number;
  maxEvents: number;
}

function limitsOf(options: DispatchOptions): ReplyLimits {
  return {
    firstEventMs: options.firstEventTimeoutMs ?? FIRST_EVENT_TIMEOUT_MS,
    jsonReplyMs: options.jsonReplyTimeoutMs ?? JSON_REPLY_TIMEOUT_MS,
    totalMs: options.totalTimeoutMs ?? TOTAL_REPLY_TIMEOUT_MS,
    maxCharacters: options.maxCharacters ?? MAX_REPLY_CHARACTERS,
    maxEvents: options.maxEvents ?? MAX_REPLY_EVENTS,
  };
}

/** Which deadline an attempt missed: the answer (head or JSON), the first event, the total. */
class AttemptTimeout extends Error {
  declare message: "answer" | "first_event" | "total";
  constructor(phase: "answer" | "first_event" | "total") {
    super(phase);
  }
}

interface AttemptResult {
  outcome: Omit<DispatchOutcome, "calls">;
  record: CallRecord;
  retryable: boolean;
  textShown: boolean;
}

/**
 * Calls a bot for one reply and reads it with the reference client's rules: the first-event
 * and total timers and the character and event caps (the protocol's unless `options` set
 * others), misuse reported back to the bot with `report_error`, and one retry only when no text
 * has reached the user.
 */
export async function dispatchReply(
  runner: BotRunner,
  request: QueryRequest,
  options: DispatchOptions,
): Promise<DispatchOutcome> {
  const calls: CallRecord[] = [];
  for (let attempt = 1; ; attempt++) {
    const result = await attemptReply(runner, request, options);
    calls.push(result.record);
    const canRetry =
      attempt < 2 && result.retryable && !result.textShown && !options.signal.aborted;
    if (!canRetry) return { ...result.outcome, calls };
    await pause(options.retryDelayMs ?? 250, options.signal);
    // A stop during the pause must not start the retry: the next attempt's abort listener
    // would never fire for a signal that is already aborted.
    if (options.signal.aborted) {
      const { reply, usage } = result.outcome;
      const errorText = stopReason(options.signal);
      if (options.signal.reason instanceof RetryableStop) {
        return { status: "error", errorText, allowRetry: true, reply, usage, calls };
      }
      return { status: "incomplete", errorText, allowRetry: null, reply, usage, calls };
    }
  }
}

/** Waits `milliseconds`, or less if `signal` aborts first. */
function pause(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** What the user is told about a stopped reply: whoever stopped it (user, shutdown) said why. */
function stopReason(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : "Stopped";
}

async function attemptReply(
  runner: BotRunner,
  request: QueryRequest,
  options: DispatchOptions,
): Promise<AttemptResult> {
  const clock = options.clock ?? Date.now;
  const limits = limitsOf(options);
  const startedAt = clock();
  const reply = createReplyState();
  const reader = new BotStreamReader({
    messageId: request.message_id,
    toolsRequested: Boolean(request.tools?.length),
    maxCharacters: limits.maxCharacters,
    maxEvents: limits.maxEvents,
  });
  const attempt = new AbortController();
  const stop = () => attempt.abort(options.signal.reason);
  options.signal.addEventListener("abort", stop, { once: true });
  let timer: NodeJS.Timeout | undefined;
  /** Aborts the attempt unless the next phase starts within `limitMs` of the request. */
  const deadline = (limitMs: number, phase: AttemptTimeout["message"]) => {
    clearTimeout(timer);
    const remaining = Math.max(0, limitMs - (clock() - startedAt));
    timer = setTimeout(() => attempt.abort(new AttemptTimeout(phase)), remaining);
  };
  // Until the response head arrives the bot may be writing one JSON document, which may take
  // 30 s; a stream must then show its first event within 5 s of the request.
  deadline(limits.jsonReplyMs, "answer");
  let httpStatus: number | null = null;
  let firstEventMs: number | null = null;
  let eventCount = 0;
  let malformedCount = 0;
  let timedOut = false;
  const received = new ReceivedEvents();
  const id = randomId("call");
  options.onAttempt?.({ id, startedAt, events: received });
  let textShown = false;
  let usageOf: (() => ReplyUsage | null) | undefined;
  const report = (message: string, metadata: Record<string, unknown>) =>
    void runner.report({ version: "1.2", type: "report_error", message, metadata });

  const finish = (
    ended: DispatchOutcome["status"],
    errorText: string | null,
    retryable = false,
    userMayRetry = true,
  ): AttemptResult => {
    // A reply cut short with nothing in it is an error, whatever cut it (a user's own stop
    // aside): there is no partial answer to keep, and the user should be offered a retry.
    const status =
      ended === "incomplete" && !options.signal.aborted && isEmpty(reply) ? "error" : ended;
    return {
      outcome: {
        status,
        errorText,
        allowRetry: status === "error" ? (reply.error?.allow_retry ?? userMayRetry) : null,
        reply,
        usage: usageOf?.() ?? null,
      },
      retryable,
      textShown,
      record: {
        id,
        startedAt,
        status: status === "complete" ? "ok" : "error",
        httpStatus,
        firstEventMs,
        durationMs: clock() - startedAt,
        eventCount,
        error: errorText,
        malformedCount,
        timedOut,
        events: received.events,
        eventsTruncated: received.truncated,
      },
    };
  };

  // One message: what it changes, and whether it ends the attempt.
  const onMessage = (message: SseMessage): AttemptResult | undefined => {
    if (firstEventMs === null) {
      firstEventMs = clock() - startedAt;
      deadline(limits.totalMs, "total");
    }
    eventCount++;
    const step = reader.read(message);
    if (isMalformed(step)) malformedCount++;
    if (step.report) report(step.report.message, step.report.metadata);
    if (step.type === "event") {
      applyBotEvent(reply, step.event);
      if (step.event.event === "text" || step.event.event === "replace_response") textShown = true;
      options.onEvent(step.event);
      return undefined;
    }
    if (step.type === "done") return finish("complete", null);
    if (step.type !== "failed") return undefined;
    const { failure } = step;
    if (failure.code === "too_much_text" || failure.code === "too_many_events") {
      if (failure.code === "too_much_text") {
        // Show the text up to the limit, so the reply is cut there and not a chunk earlier.
        const cut = cutAtLimit(message, reply, limits.maxCharacters);
        if (cut) {
          applyBotEvent(reply, cut);
          options.onEvent(cut);
        }
      }
      return finish("incomplete", `The reply was cut off: ${failure.message.toLowerCase()}`);
    }
    const text = failure.botError
      ? (failure.botError.text ?? "The bot returned an error")
      : `The bot sent a malformed reply: ${failure.message}`;
    if (failure.botError) reply.error = failure.botError;
    return finish("error", text, failure.retryable);
  };
  const failed = (error: unknown) => {
    // A non-200 answer never became a stream; the call log still needs its status.
    if (error instanceof BotCallError && error.status !== undefined) httpStatus = error.status;
    // An event past the decoder's size cap is one the platform refused.
    if (error instanceof SseLimitError) malformedCount++;
    timedOut = !options.signal.aborted && isTimeout(error, attempt.signal);
    return classifyFailure(error, attempt.signal, options.signal, finish, firstEventMs, limits);
  };

  try {
    const stream = await runner.query(request, attempt.signal);
    httpStatus = stream.status;
    usageOf = stream.usage;
    if (stream.format === "sse") deadline(limits.firstEventMs, "first_event");
    // Events are pushed to us as the bot's bytes arrive; the attempt ends at the first outcome:
    // done, a failure, the end of the body, or the attempt's signal (stop, a deadline).
    return await new Promise<AttemptResult>((resolve) => {
      let settled = false;
      // A holder: the reply may settle inside `read`, before its return value is assigned.
      const reading: { stop?: () => void } = {};
      const settle = (result: AttemptResult) => {
        if (settled) return;
        settled = true;
        attempt.signal.removeEventListener("abort", onAbort);
        reading.stop?.();
        resolve(result);
      };
      const onAbort = () => settle(failed(attempt.signal.reason));
      attempt.signal.addEventListener("abort", onAbort, { once: true });
      reading.stop = stream.read({
        message(message) {
          if (settled) return;
          received.add(clock() - startedAt, message);
          let result: AttemptResult | undefined;
          try {
            result = onMessage(message);
          } catch (error) {
            result = failed(error);
          }
          if (result) settle(result);
        },
        end() {
          if (settled) return;
          const missingDone = reader.end();
          if (missingDone) report(missingDone.message, missingDone.metadata);
          settle(finish("incomplete", "The bot stopped before finishing its reply"));
        },
        fail: (error) => settle(failed(error)),
      });
      if (settled) reading.stop();
      else if (attempt.signal.aborted) onAbort();
    });
  } catch (error) {
    return failed(error);
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener("abort", stop);
  }
}

/** Whether a reply has nothing a user or a calling bot could use: no text, file or tool call. */
function isEmpty(reply: ReplyState): boolean {
  return reply.text === "" && reply.files.length === 0 && reply.json.length === 0;
}

/** Whether the reader could not parse an event or refused it (as opposed to a limit or `done`). */
function isMalformed(step: BotStreamStep): boolean {
  if (step.type === "ignored") return step.report !== undefined;
  if (step.type !== "failed") return false;
  const { code } = step.failure;
  return code === "invalid_json" || code === "not_an_object" || code === "invalid_field";
}

/** Whether an attempt failed because a deadline ran out, ours or the outbound client's. */
function isTimeout(error: unknown, attemptSignal: AbortSignal): boolean {
  if (attemptSignal.aborted && attemptSignal.reason instanceof AttemptTimeout) return true;
  if (error instanceof OutboundError) return error.isTimeout;
  return error instanceof BotCallError && error.timedOut;
}

function classifyFailure(
  error: unknown,
  attemptSignal: AbortSignal,
  userSignal: AbortSignal,
  finish: (
    status: DispatchOutcome["status"],
    text: string | null,
    retryable?: boolean,
    userMayRetry?: boolean,
  ) => AttemptResult,
  firstEventMs: number | null,
  limits: ReplyLimits,
): AttemptResult {
  if (userSignal.aborted) {
    // A drain's cut is not the user's stop: they are offered a retry, on another instance.
    if (userSignal.reason instanceof RetryableStop) {
      return finish("error", userSignal.reason.message, false, true);
    }
    return finish("incomplete", stopReason(userSignal));
  }
  const reason: unknown = attemptSignal.aborted ? attemptSignal.reason : undefined;
  if (reason instanceof AttemptTimeout) {
    switch (reason.message) {
      case "first_event":
        return finish(
          "error",
          `The bot did not start its reply within ${formatDuration(limits.firstEventMs)}`,
          true,
        );
      case "answer":
        // No retry: the user has already waited the full JSON reply time once.
        return finish(
          "error",
          `The bot did not answer within ${formatDuration(limits.jsonReplyMs)}`,
        );
      case "total":
        return finish(
          "incomplete",
          `The reply was cut off: the bot took longer than ${formatDuration(limits.totalMs)}`,
        );
    }
  }
  // A bot that refused the call (401, 404…) or answered in a form it always will answers the
  // same next time: the user is not offered a retry that cannot work.
  if (error instanceof BotCallError)
    return finish("error", error.message, error.retryable, error.retryable || error.timedOut);
  if (error instanceof SseLimitError) {
    // The text so far stays (`finish` makes a reply with none an error).
    const mebibytes = MAX_EVENT_CHARACTERS / (1024 * 1024);
    return finish(
      "incomplete",
      `The bot sent an event larger than ${mebibytes} MiB, so the platform stopped reading it`,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // The connection broke: before any event that is worth one retry, after it the text stays.
  if (firstEventMs !== null)
    return finish("incomplete", `The bot's connection was lost: ${message}`);
  return finish("error", `The bot could not be reached: ${message}`, true);
}

/** The text event that fills the reply exactly up to `maxCharacters`, from one that overflowed it. */
function cutAtLimit(
  message: SseMessage,
  reply: ReplyState,
  maxCharacters: number,
): BotEvent | undefined {
  const parsed = parseEventData(message);
  if (!parsed.ok) return undefined;
  const { event } = parsed;
  if (event.event === "replace_response")
    return { event: event.event, data: { text: event.data.text.slice(0, maxCharacters) } };
  if (event.event !== "text") return undefined;
  const room = maxCharacters - reply.text.length;
  return room > 0
    ? { event: event.event, data: { text: event.data.text.slice(0, room) } }
    : undefined;
}
