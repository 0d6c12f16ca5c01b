import type { TraceRemark } from "@parlor/protocol/trace";
import type { CallEvent } from "../api/bots.js";
import { formatDuration } from "../ui/format.js";
import { TraceRemarks } from "./trace-remarks.js";

/**
 * A call's events in order: when each came (from the start of the request), its name, its data
 * as the bot sent it, and under it what the explainer says about it.
 */
export function TraceEventList({
  events,
  remarks,
}: {
  events: readonly CallEvent[];
  remarks: readonly TraceRemark[];
}) {
  const byEvent = new Map<number, TraceRemark[]>();
  for (const remark of remarks) {
    if (remark.event === null) continue;
    byEvent.set(remark.event, [...(byEvent.get(remark.event) ?? []), remark]);
  }
  return (
    <ol
      aria-label="Events"
      className="flex flex-col divide-y divide-line rounded-lg border border-line"
    >
      {events.map((event, index) => {
        const about = byEvent.get(index);
        const hasError = about?.some((remark) => remark.level === "error");
        return (
          <li
            key={index}
            className={`flex flex-col gap-1.5 border-l-2 px-3 py-2 ${
              hasError ? "border-l-danger" : about ? "border-l-warning" : "border-l-transparent"
            }`}
          >
            <div className="flex flex-col gap-1 sm:flex-row sm:gap-3">
              <span className="w-20 shrink-0 font-mono text-xs text-muted">
                <span className="sr-only">At </span>+{formatDuration(event.ms)}
              </span>
              <span className="w-32 shrink-0 text-sm font-medium break-all">{event.event}</span>
              <code className="min-w-0 font-mono text-xs break-all whitespace-pre-wrap">
                {event.data}
              </code>
            </div>
            {about && (
              // Under the data, past the time column and its gap (w-20 + gap-3).
              <div className="sm:pl-23">
                <TraceRemarks remarks={about} label={`Remarks about event ${index + 1}`} />
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
