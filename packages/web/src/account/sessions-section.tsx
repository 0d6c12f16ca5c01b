import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { endOtherSessions, endSession, sessionsKey, useSessions } from "../api/account.js";
import { describeError } from "../api/api-error.js";
import { Badge } from "../ui/badge.js";
import { Button } from "../ui/button.js";
import { formatTime } from "../ui/format.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";
import { describeBrowser } from "./describe-browser.js";

/** Where the person is signed in: each session's browser and address, ended one or all at once. */
export function SessionsSection() {
  const sessions = useSessions();
  const client = useQueryClient();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      toast(done);
    } catch (failure) {
      toast(describeError(failure), "error");
    } finally {
      await client.invalidateQueries({ queryKey: sessionsKey });
      setBusy(false);
    }
  };
  const others = sessions.data?.filter((session) => !session.current) ?? [];
  return (
    <Section title="Sessions" lead="The browsers signed in to your account.">
      {sessions.isPending && <Spinner label="Loading sessions" />}
      {sessions.isError && <ErrorNotice error={sessions.error} />}
      {sessions.isSuccess && (
        <ul
          aria-label="Your sessions"
          className="flex flex-col divide-y divide-line rounded-xl border border-line"
        >
          {sessions.data.map((session) => {
            const browser = describeBrowser(session.user_agent);
            return (
              <li
                key={session.id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5"
              >
                <div className="flex min-w-0 flex-col gap-0.5">
                  <span className="flex items-center gap-2">
                    <span className="truncate font-medium">{browser}</span>
                    {session.current && <Badge tone="accent">This browser</Badge>}
                  </span>
                  <span className="text-xs text-muted">
                    {session.client_address ?? "Unknown address"} · signed in{" "}
                    {formatTime(session.created_at)}
                    {session.last_seen_at !== null &&
                      ` · last active ${formatTime(session.last_seen_at)}`}
                  </span>
                </div>
                {!session.current && (
                  <Button
                    size="sm"
                    disabled={busy}
                    aria-label={`Sign out ${browser}, signed in ${formatTime(session.created_at)}`}
                    onClick={() => void run(() => endSession(session.id), "Session ended.")}
                  >
                    Sign out
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {others.length > 0 && (
        <div>
          <Button
            disabled={busy}
            onClick={() => void run(endOtherSessions, "Signed out everywhere else.")}
          >
            Sign out all other sessions
          </Button>
        </div>
      )}
    </Section>
  );
}
