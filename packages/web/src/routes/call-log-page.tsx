import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useBot, useBotCalls, type BotCall } from "../api/bots.js";
import { CallInspector } from "../calls/call-inspector.js";
import { CallStatus } from "../calls/call-status.js";
import { callTypeName } from "../calls/call-type-name.js";
import { Button } from "../ui/button.js";
import { formatDuration, formatTime } from "../ui/format.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Page } from "../ui/page.js";
import { Spinner } from "../ui/spinner.js";

const cell = "px-3 py-2 whitespace-nowrap";

/**
 * `/bots/:handle/calls`: the bot's recent calls, running ones first and kept up to date; one
 * opened (`?call=`) shows in the inspector, live while it runs.
 */
export function CallLogPage() {
  const { handle } = useParams({ from: "/app/bots/$handle/calls" });
  const selected = useSearch({ from: "/app/bots/$handle/calls" }).call ?? null;
  const navigate = useNavigate({ from: "/bots/$handle/calls" });
  const setSelected = (call: string | null) =>
    void navigate({ search: call ? { call } : {}, replace: true });
  const bot = useBot(handle);
  const calls = useBotCalls(handle);
  const detail = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) detail.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, [selected]);
  return (
    <Page
      title={`Call log${bot.data ? `: ${bot.data.display_name}` : ""}`}
      lead={
        <>
          The last 100 times Parlor called @{handle}, newest first, calls in progress on top ·{" "}
          <Link to="/bots/$handle/edit" params={{ handle }} className="text-accent underline">
            Edit the bot
          </Link>
        </>
      }
      width="wide"
      actions={
        <Button disabled={calls.isFetching} onClick={() => void calls.refetch()}>
          {calls.isFetching && !calls.isPending ? "Refreshing…" : "Refresh"}
        </Button>
      }
    >
      {calls.isPending && <Spinner label="Loading calls" />}
      {calls.isError && <ErrorNotice error={calls.error} />}
      {calls.isSuccess && calls.data.length === 0 && (
        <EmptyState title="No calls yet">
          Calls appear here when someone chats with the bot or a program calls it.
        </EmptyState>
      )}
      {calls.isSuccess && calls.data.length > 0 && (
        <div
          tabIndex={0}
          role="region"
          aria-label="Calls"
          className="overflow-x-auto rounded-2xl border border-line"
        >
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              Recent calls; choose a time to inspect the call's request and events.
            </caption>
            <thead className="bg-surface text-xs text-muted">
              <tr>
                {[
                  "Time",
                  "Type",
                  "Status",
                  "First event",
                  "Total",
                  "Events",
                  "Malformed",
                  "Timed out",
                  "Error",
                ].map((heading) => (
                  <th key={heading} scope="col" className={`${cell} font-medium`}>
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {calls.data.map((call) => (
                <CallRow
                  key={call.id}
                  call={call}
                  selected={call.id === selected}
                  onSelect={() => setSelected(call.id === selected ? null : call.id)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div ref={detail}>
        {selected && (
          <CallInspector
            key={selected}
            handle={handle}
            callId={selected}
            onReplay={(call) => void navigate({ search: { call } })}
          />
        )}
      </div>
    </Page>
  );
}

function CallRow({
  call,
  selected,
  onSelect,
}: {
  call: BotCall;
  selected: boolean;
  onSelect: () => void;
}) {
  return (
    <tr
      className={`cursor-pointer hover:bg-surface ${selected ? "bg-accent-soft" : ""}`}
      onClick={onSelect}
    >
      <td className={cell}>
        <button
          type="button"
          aria-expanded={selected}
          className="font-medium text-accent underline"
          onClick={(event) => {
            event.stopPropagation();
            onSelect();
          }}
        >
          {formatTime(call.started_at)}
        </button>
      </td>
      <td className={cell}>{callTypeName(call.request_type)}</td>
      <td className={cell}>
        <CallStatus call={call} />
      </td>
      <td className={cell}>{formatDuration(call.first_event_ms)}</td>
      <td className={cell}>{formatDuration(call.duration_ms)}</td>
      <td className={cell}>{call.event_count}</td>
      <td className={cell}>{call.malformed_count ?? "—"}</td>
      <td className={cell}>{call.timed_out === undefined ? "—" : call.timed_out ? "Yes" : "No"}</td>
      <td className="max-w-xs min-w-48 px-3 py-2 text-danger">{call.error ?? ""}</td>
    </tr>
  );
}
