import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import { createInvite, revokeInvite, signupKeys, useInvites, type Invite } from "../api/signup.js";
import { Badge } from "../ui/badge.js";
import { Button } from "../ui/button.js";
import { CopyButton } from "../ui/copy-button.js";
import { Field } from "../ui/field.js";
import { formatTime } from "../ui/format.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";
import { useFormSubmit } from "../ui/use-form-submit.js";

const LIFETIMES = [
  { hours: 24, label: "1 day" },
  { hours: 168, label: "7 days" },
  { hours: 720, label: "30 days" },
];

/** Used, expired or valid, as of `listedAt` (when the list was fetched). */
function InviteState({ invite, listedAt }: { invite: Invite; listedAt: number }) {
  if (invite.used_at !== null) return <Badge>Used {formatTime(invite.used_at)}</Badge>;
  if (invite.expires_at <= listedAt) return <Badge tone="danger">Expired</Badge>;
  return <Badge tone="accent">Valid until {formatTime(invite.expires_at)}</Badge>;
}

/** Making invite links (each shown once), listing them, revoking them. */
export function InvitesSection() {
  const invites = useInvites();
  const client = useQueryClient();
  const toast = useToast();
  const [created, setCreated] = useState<string>();
  const refresh = () => client.invalidateQueries({ queryKey: signupKeys.invites });
  const { error, busy, onSubmit } = useFormSubmit(async (form) => {
    const email = (form.get("email") as string).trim();
    const invite = await createInvite({
      expiresInHours: Number(form.get("lifetime")),
      ...(email ? { email } : {}),
    });
    setCreated(invite.url);
    await refresh();
  });
  const revoke = (invite: Invite) =>
    void revokeInvite(invite.id)
      .then(async () => {
        await refresh();
        toast("The invite is revoked: its link no longer works.");
      })
      .catch((failure: unknown) => toast(describeError(failure), "error"));
  return (
    <Section title="Invites" lead="Each link signs up one account, until it expires.">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3">
        <Field label="Valid for">
          {(control) => (
            <select
              {...control}
              name="lifetime"
              defaultValue="168"
              className="h-10 rounded-lg border border-line bg-raised px-3 text-sm text-ink focus:border-accent"
            >
              {LIFETIMES.map((lifetime) => (
                <option key={lifetime.hours} value={lifetime.hours}>
                  {lifetime.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Only for this email (optional)"
          name="email"
          type="email"
          autoComplete="off"
          className="min-w-56 flex-1"
        />
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create invite link"}
        </Button>
      </form>
      {error && (
        <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
          {error}
        </p>
      )}
      {created && (
        <div role="status" className="flex flex-col gap-2 rounded-lg bg-accent-soft p-3">
          <p className="text-sm font-medium">
            Copy this link now: it is shown only once. Whoever opens it can sign up.
          </p>
          <div className="flex flex-wrap items-center gap-2">
            <input
              readOnly
              aria-label="New invite link"
              value={created}
              onFocus={(event) => event.currentTarget.select()}
              className="h-9 min-w-0 flex-1 rounded-lg border border-line bg-raised px-3 font-mono text-xs"
            />
            <CopyButton text={created} label="Copy invite link" />
          </div>
        </div>
      )}
      {invites.isPending && <Spinner label="Loading invites" />}
      {invites.isError && <ErrorNotice error={invites.error} />}
      {invites.data?.length === 0 && <EmptyState title="No invites yet" />}
      {invites.data && invites.data.length > 0 && (
        <ul aria-label="Invites" className="flex flex-col divide-y divide-line">
          {invites.data.map((invite) => (
            <li key={invite.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="flex min-w-0 flex-col gap-0.5">
                <span className="flex flex-wrap items-center gap-2">
                  <span className="text-sm font-medium break-all">
                    {invite.email ?? "Anyone with the link"}
                  </span>
                  <InviteState invite={invite} listedAt={invites.dataUpdatedAt} />
                </span>
                <span className="text-xs text-muted">Made {formatTime(invite.created_at)}</span>
              </span>
              {invite.used_at === null && (
                <Button
                  size="sm"
                  aria-label={`Revoke the invite made ${formatTime(invite.created_at)}${invite.email ? ` for ${invite.email}` : ""}`}
                  onClick={() => revoke(invite)}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
