import {
  BotStreamReader,
  FIRST_EVENT_TIMEOUT_MS,
  JSON_REPLY_TIMEOUT_MS,
  MAX_REPLY_CHARACTERS,
  MAX_REPLY_EVENTS,
  PROTOCOL_VERSION,
  createIdentifier,
  decodeSse,
  explainTrace,
  type QueryRequestInput,
  type SseMessage,
  type TracedEvent,
} from "@parlor/protocol";
import { OutboundError } from "../outbound/index.js";
import { formatDuration } from "../relay/format-duration.js";
import { jsonReplyMessages } from "../relay/json-reply.js";
import {
  failed,
  passed,
  statusFailure,
  type ConformanceCheck,
  type ConformanceSend,
} from "./conformance-verdict.js";

const NAME = "query";

/** Time limits of the test query. */
export interface QueryCheckLimits {
  /** The protocol's 5 s unless a test shortens it. */
  firstEventMs?: number;
  /** Everything, until `done`. */
  totalMs: number;
}

/**
 * Sends one ordinary query and reads the reply as a platform would: 200 `text/event-stream`,
 * the first event within 5 s, every event valid with nothing to report, text, and `done` last.
 * A JSON `{"text": …}` reply passes too, with a note, because Parlor accepts it.
 */
export async function checkQuery(
  send: ConformanceSend,
  key: string,
  ids: Pick<QueryRequestInput, "message_id" | "user_id" | "conversation_id">,
  limits: QueryCheckLimits,
): Promise<ConformanceCheck> {
  const firstEventMs = limits.firstEventMs ?? FIRST_EVENT_TIMEOUT_MS;
  // A bot that sends its head at once and its first event late is measured, not cut at 5 s.
  const waitMs = Math.min(limits.totalMs, Math.max(firstEventMs, JSON_REPLY_TIMEOUT_MS));
  const request = {
    version: PROTOCOL_VERSION,
    type: "query",
    query: [
      {
        role: "user",
        content: "Hello! This is a protocol check; any short answer will do.",
        content_type: "text/markdown",
        timestamp: Date.now() * 1000,
        message_id: createIdentifier("m"),
      },
    ],
    ...ids,
    metadata: "",
    bot_query_id: createIdentifier("d").slice(2),
  };
  const controller = new AbortController();
  let timedOut: "first_event" | "total" | undefined;
  const timeout = (reason: "first_event" | "total") => () => {
    timedOut ??= reason;
    controller.abort();
  };
  const started = Date.now();
  const totalTimer = setTimeout(timeout("total"), limits.totalMs);
  let firstTimer: NodeJS.Timeout | undefined;
  try {
    const response = await send(request, key, {
      accept: "text/event-stream, application/json",
      firstByteTimeoutMs: JSON_REPLY_TIMEOUT_MS,
      signal: controller.signal,
    });
    if (response.status !== 200) {
      const why = "a platform needs 200 with an event stream, and shows users an error instead";
      return await statusFailure(NAME, response, why);
    }
    const contentType = String(response.headers["content-type"] ?? "").toLowerCase();
    if (contentType.startsWith("application/json")) return checkJsonReply(await response.text());
    if (!contentType.startsWith("text/event-stream")) {
      response.cancel();
      return failed(
        NAME,
        `answered 200 with content type "${contentType || "none"}"; a platform reads only text/event-stream (Parlor also a JSON {"text": …} reply) and shows users an error.`,
      );
    }
    firstTimer = setTimeout(timeout("first_event"), Math.max(0, waitMs - (Date.now() - started)));
    let first: TracedEvent | undefined;
    try {
      const verdict = await readReply(decodeSse(response.body), ids.message_id, (message) => {
        clearTimeout(firstTimer);
        first = { ms: Date.now() - started, event: message.event, data: message.data };
      });
      // Users never see a reply that starts late, whatever follows: that is the verdict.
      return (first && lateStart(first, firstEventMs)) ?? verdict;
    } finally {
      response.cancel();
    }
  } catch (error) {
    if (timedOut === "first_event") {
      return failed(
        NAME,
        `no event arrived within ${formatDuration(waitMs)}; a platform gives up on a reply that does not start within ${formatDuration(firstEventMs)}, so send meta (or text) at once.`,
      );
    }
    // The outbound client's own deadline is the same length; whichever fires first, same verdict.
    if (timedOut === "total" || (error instanceof OutboundError && error.code === "timeout")) {
      return failed(
        NAME,
        `the reply did not end with done within ${formatDuration(limits.totalMs)}; a platform cuts replies off and marks a reply without done incomplete.`,
      );
    }
    throw error;
  } finally {
    clearTimeout(totalTimer);
    clearTimeout(firstTimer);
  }
}

/**
 * The failure for a first event past the deadline, in explainTrace's words (the same the call
 * inspector shows), e.g. "first event after 7 s: users see a timeout at 5 s".
 */
function lateStart(first: TracedEvent, deadlineMs: number): ConformanceCheck | undefined {
  const remark = explainTrace([first], { firstEventDeadlineMs: deadlineMs, ended: false }).find(
    (candidate) => candidate.event === 0 && candidate.text.startsWith("first event after"),
  );
  if (!remark) return undefined;
  return failed(
    NAME,
    `${remark.text}; a platform gives up on a reply that starts later, so send meta (or text) at once, before any slow work (the SDK sends its headers at once, but only an event counts).`,
  );
}

/** Reads the stream with the reference client's rules; anything it would report fails. */
async function readReply(
  messages: AsyncIterable<SseMessage>,
  messageId: string,
  onFirstEvent: (message: SseMessage) => void,
): Promise<ConformanceCheck> {
  const reader = new BotStreamReader({
    messageId,
    maxCharacters: MAX_REPLY_CHARACTERS,
    maxEvents: MAX_REPLY_EVENTS,
  });
  let count = 0;
  for await (const message of messages) {
    if (count++ === 0) onFirstEvent(message);
    const step = reader.read(message);
    if (step.type === "failed") {
      const { failure } = step;
      return failure.botError
        ? failed(
            NAME,
            `the bot answered the test message with an error event (${JSON.stringify(failure.message)}); a platform shows users a failed reply.`,
          )
        : failed(
            NAME,
            `event ${count} ("${message.event}") is malformed (${failure.message}); a platform stops the reply there and reports it to the bot.`,
          );
    }
    if (step.report) return reportFailure(step.report.message);
    if (step.type === "done")
      return passed(NAME, `streamed ${count} valid events ending with done.`);
  }
  return reportFailure(reader.end()?.message ?? "Bot exited without sending 'done' event");
}

/** What the reference client would have reported back to the bot, as a failure. */
function reportFailure(report: string): ConformanceCheck {
  if (report.startsWith("Bot exited without")) {
    return failed(
      NAME,
      "the stream ended without a done event; a platform keeps the text but marks the reply incomplete and reports the mistake to the bot.",
    );
  }
  if (report.startsWith("Bot returned no text")) {
    return failed(
      NAME,
      "the reply ended without any text; a platform treats an empty reply as an error.",
    );
  }
  return failed(
    NAME,
    `the stream breaks the protocol (${report}); a platform drops that event and reports it to the bot with report_error.`,
  );
}

function checkJsonReply(body: string): ConformanceCheck {
  const error = jsonReplyMessages(body).find((message) => message.event === "error");
  if (error) {
    const text = (JSON.parse(error.data) as { text?: string }).text ?? "invalid";
    return failed(NAME, `the JSON reply is not usable (${text}); a platform shows users an error.`);
  }
  return passed(
    NAME,
    'answered with a JSON {"text": …} reply instead of a stream, which Parlor accepts, though Poe itself requires text/event-stream.',
  );
}
