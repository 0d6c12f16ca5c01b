import { explainTrace } from "@parlor/protocol/trace";
import { useMemo } from "react";
import { useBotCall, type BotCallDetail } from "../api/bots.js";
import { formatDuration, formatTime } from "../ui/format.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { BotErrorDetails } from "./bot-error-details.js";
import { CallStatus } from "./call-status.js";
import { callTypeName } from "./call-type-name.js";
import { ReplayButton } from "./replay-button.js";
import { TraceEventList } from "./trace-event-list.js";
import { TraceRemarks } from "./trace-remarks.js";
import { useLiveCall } from "./use-live-call.js";

/**
 * One call opened in the inspector: what Parlor sent, every event the bot answered with, timed,
 * and what is wrong with them in words, next to the event concerned. A running call is followed
 * live; a finished one can be replayed.
 */
export function CallInspector({
  handle,
  callId,
  onReplay,
}: {
  handle: string;
  callId: string;
  /** Opens the new call a replay started. */
  onReplay: (callId: string) => void;
}) {
  const detail = useBotCall(handle, callId);
  const running = detail.data?.call.status === "running";
  useLiveCall(handle, callId, running);
  return (
    <Section title="Call inspector" lead={callId}>
      {detail.isPending && <Spinner label="Loading the call" />}
      {detail.isError && (
        <ErrorNotice
          error={detail.error}
          unavailable="Only the bot's owner sees what a call sent and received: it holds a user's conversation."
        />
      )}
      {detail.isSuccess && (
        <CallTrace handle={handle} detail={detail.data} running={running} onReplay={onReplay} />
      )}
    </Section>
  );
}

function CallTrace({
  handle,
  detail,
  running,
  onReplay,
}: {
  handle: string;
  detail: BotCallDetail;
  running: boolean;
  onReplay: (callId: string) => void;
}) {
  const { call, events } = detail;
  // A trace the log cut short did not end where it stops: no "missing done" for it.
  const whole = !running && !detail.events_truncated;
  const remarks = useMemo(() => explainTrace(events, { ended: whole }), [events, whole]);
  const overall = remarks.filter((remark) => remark.event === null);
  const errors = remarks.filter((remark) => remark.level === "error").length;
  const warnings = remarks.length - errors;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_auto_auto_auto]">
          <dt className="text-muted">Started</dt>
          <dd>{formatTime(call.started_at)}</dd>
          <dt className="text-muted">Type</dt>
          <dd>{callTypeName(call.request_type)}</dd>
          <dt className="text-muted">Status</dt>
          <dd>
            <CallStatus call={call} />
          </dd>
          <dt className="text-muted">First event</dt>
          <dd>{formatDuration(call.first_event_ms)}</dd>
          <dt className="text-muted">Total</dt>
          <dd>{running ? "Still running" : formatDuration(call.duration_ms)}</dd>
          {call.http_status !== null && (
            <>
              <dt className="text-muted">HTTP status</dt>
              <dd>{call.http_status}</dd>
            </>
          )}
        </dl>
        {!running && <ReplayButton handle={handle} detail={detail} onReplay={onReplay} />}
      </div>
      {call.error && (
        <p className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">{call.error}</p>
      )}
      {detail.raw_response && <BotErrorDetails rawResponse={detail.raw_response} />}
      <div className="flex flex-col gap-1.5">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="text-sm font-semibold">
            Events ({events.length}
            {detail.events_truncated ? ", the rest cut off" : ""})
          </h3>
          <p role="status" className="text-xs text-muted">
            {running
              ? `Live: ${events.length} ${events.length === 1 ? "event" : "events"} so far`
              : remarks.length === 0
                ? "No problems found"
                : [plural(errors, "error"), plural(warnings, "warning")].filter(Boolean).join(", ")}
          </p>
        </div>
        <TraceRemarks remarks={overall} label="Remarks about the whole call" />
        {events.length === 0 ? (
          <p className="text-sm text-muted">
            {running ? "Waiting for the bot's first event…" : "The bot sent no events."}
          </p>
        ) : (
          <TraceEventList events={events} remarks={remarks} />
        )}
        {detail.events_truncated && (
          <p className="text-xs text-muted">
            Parlor keeps the first 500 events of a call; later ones are not shown.
          </p>
        )}
      </div>
      <RequestBody detail={detail} />
    </div>
  );
}

/** The request as sent, folded away at first: the events are what one comes to look at. */
function RequestBody({ detail }: { detail: BotCallDetail }) {
  if (detail.request === null)
    return <p className="text-sm text-muted">This call was logged before Parlor kept requests.</p>;
  return (
    <details className="group flex flex-col gap-1.5">
      <summary className="cursor-pointer text-sm font-semibold">
        Request ({formatBytes(new TextEncoder().encode(detail.request).length)}
        {detail.request_truncated ? ", cut at 64 KiB" : ""})
      </summary>
      <pre
        tabIndex={0}
        aria-label="The request as JSON"
        className="mt-1.5 max-h-96 overflow-auto rounded-lg bg-sunken p-3 font-mono text-xs"
      >
        {prettyJson(detail.request)}
      </pre>
    </details>
  );
}

const formatBytes = (bytes: number) =>
  bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;

const plural = (count: number, word: string) =>
  count === 0 ? "" : `${count} ${word}${count === 1 ? "" : "s"}`;

/** The request indented; a request cut short is not JSON any more and is shown as it is. */
function prettyJson(request: string): string {
  try {
    return JSON.stringify(JSON.parse(request), null, 2);
  } catch {
    return request;
  }
}
