import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { createApiKey, keysKey, revokeApiKey, useApiKeys, type ApiKey } from "../api/keys.js";
import { Badge } from "../ui/badge.js";
import { Button } from "../ui/button.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { CopyButton } from "../ui/copy-button.js";
import { formatTime } from "../ui/format.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { TextField } from "../ui/text-field.js";
import { useToast } from "../ui/toast.js";

/** API keys for programs: make one (shown once), see them all, revoke one. */
export function ApiKeysSection() {
  const keys = useApiKeys();
  const client = useQueryClient();
  const toast = useToast();
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [revoking, setRevoking] = useState<ApiKey>();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const keyName = name.trim() || "API key";
      const answer = await createApiKey(keyName);
      setCreated({ name: keyName, key: answer.key });
      setName("");
      await client.invalidateQueries({ queryKey: keysKey });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section
      title="API keys"
      lead="Programs use a key to call Parlor's API and its OpenAI-compatible /v1 as you."
    >
      <form
        onSubmit={(event) => void create(event)}
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
      >
        <TextField
          label="Key name"
          value={name}
          maxLength={100}
          placeholder="My script"
          onChange={(event) => setName(event.target.value)}
          className="flex-1"
        />
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "Creating…" : "Create key"}
        </Button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      {created && (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-xl border border-accent bg-accent-soft p-3"
        >
          <p className="text-sm font-medium">Your new key “{created.name}”</p>
          <div className="flex flex-wrap items-center gap-2">
            <code
              aria-label="The new API key"
              className="min-w-0 flex-1 rounded-lg bg-raised px-3 py-2 font-mono text-sm break-all"
            >
              {created.key}
            </code>
            <CopyButton text={created.key} label="Copy key" />
          </div>
          <p className="text-sm">
            Copy it now: this is the only time Parlor shows it. Keep it secret like a password.
          </p>
          <div>
            <Button size="sm" onClick={() => setCreated(undefined)}>
              I have stored it
            </Button>
          </div>
        </div>
      )}
      {keys.isPending && <Spinner label="Loading keys" />}
      {keys.isError && <ErrorNotice error={keys.error} />}
      {keys.isSuccess && keys.data.length === 0 && <EmptyState title="No API keys yet" />}
      {keys.isSuccess && keys.data.length > 0 && (
        <ul
          aria-label="Your API keys"
          className="flex flex-col divide-y divide-line rounded-xl border border-line"
        >
          {keys.data.map((key) => (
            <li
              key={key.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5"
            >
              <div className="flex min-w-0 flex-col gap-0.5">
                <span className="flex items-center gap-2">
                  <span className="truncate font-medium">{key.name}</span>
                  {key.revoked_at !== null && <Badge tone="danger">Revoked</Badge>}
                </span>
                <span className="text-xs text-muted">
                  <code className="font-mono">{key.prefix}…</code> · created{" "}
                  {formatTime(key.created_at)} ·{" "}
                  {key.last_used_at ? `last used ${formatTime(key.last_used_at)}` : "never used"}
                  {key.revoked_at !== null && ` · revoked ${formatTime(key.revoked_at)}`}
                </span>
              </div>
              {key.revoked_at === null && (
                <Button
                  size="sm"
                  aria-label={`Revoke ${key.name}`}
                  onClick={() => setRevoking(key)}
                >
                  Revoke
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== undefined}
        onOpenChange={(open) => !open && setRevoking(undefined)}
        title={`Revoke “${revoking?.name ?? ""}”?`}
        description="Programs using this key are refused at once. This cannot be undone."
        confirmLabel="Revoke key"
        onConfirm={async () => {
          await revokeApiKey(revoking!.id);
          await client.invalidateQueries({ queryKey: keysKey });
          toast("Key revoked.");
        }}
      />
    </Section>
  );
}
