import { useBotCall } from "../api/bots.js";
import { formatDuration, formatTime } from "../ui/format.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { BotErrorDetails } from "./bot-error-details.js";
import { CallStatus } from "./call-status.js";

/** One call opened: what Parlor sent, and every event the bot answered with, timed. */
export function CallDetail({ handle, callId }: { handle: string; callId: string }) {
  const detail = useBotCall(handle, callId);
  return (
    <Section title="Call detail" lead={callId}>
      {detail.isPending && <Spinner label="Loading the call" />}
      {detail.isError && (
        <ErrorNotice
          error={detail.error}
          unavailable="Only the bot's owner sees what a call sent and received: it holds a user's conversation."
        />
      )}
      {detail.isSuccess && (
        <div className="flex flex-col gap-4">
          <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
            <dt className="text-muted">Started</dt>
            <dd>{formatTime(detail.data.call.started_at)}</dd>
            <dt className="text-muted">Status</dt>
            <dd>
              <CallStatus call={detail.data.call} />
            </dd>
            <dt className="text-muted">First event</dt>
            <dd>{formatDuration(detail.data.call.first_event_ms)}</dd>
            <dt className="text-muted">Total</dt>
            <dd>{formatDuration(detail.data.call.duration_ms)}</dd>
          </dl>
          {detail.data.call.error && (
            <p className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
              {detail.data.call.error}
            </p>
          )}
          {detail.data.raw_response && <BotErrorDetails rawResponse={detail.data.raw_response} />}
          <div className="flex flex-col gap-1.5">
            <h3 className="text-sm font-semibold">Request</h3>
            <pre
              tabIndex={0}
              aria-label="The request as JSON"
              className="max-h-96 overflow-auto rounded-lg bg-sunken p-3 font-mono text-xs"
            >
              {prettyJson(detail.data.request)}
            </pre>
          </div>
          <div className="flex flex-col gap-1.5">
            <h3 className="text-sm font-semibold">
              Events ({detail.data.events.length}
              {detail.data.truncated ? ", the rest cut off" : ""})
            </h3>
            {detail.data.events.length === 0 ? (
              <p className="text-sm text-muted">The bot sent no events.</p>
            ) : (
              <ol className="flex flex-col divide-y divide-line rounded-lg border border-line">
                {detail.data.events.map((event, index) => (
                  <li key={index} className="flex flex-col gap-1 px-3 py-2 sm:flex-row sm:gap-3">
                    <span className="w-20 shrink-0 font-mono text-xs text-muted">
                      +{formatDuration(event.ms)}
                    </span>
                    <span className="w-28 shrink-0 text-sm font-medium">{event.event}</span>
                    <code className="min-w-0 font-mono text-xs break-all whitespace-pre-wrap">
                      {typeof event.data === "string" ? event.data : JSON.stringify(event.data)}
                    </code>
                  </li>
                ))}
              </ol>
            )}
            {detail.data.truncated && (
              <p className="text-xs text-muted">
                Parlor keeps the first 500 events of a call; later ones are not shown.
              </p>
            )}
          </div>
        </div>
      )}
    </Section>
  );
}

/** The request indented; the log may keep it as JSON text, which is parsed to indent it. */
function prettyJson(request: unknown): string {
  if (typeof request !== "string") return JSON.stringify(request, null, 2);
  try {
    return JSON.stringify(JSON.parse(request), null, 2);
  } catch {
    return request;
  }
}
