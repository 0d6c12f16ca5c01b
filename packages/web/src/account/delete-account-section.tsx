import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState, type FormEvent } from "react";
import { deleteAccount } from "../api/account.js";
import { describeError } from "../api/api-error.js";
import { meKey } from "../api/auth.js";
import type { User } from "../api/types.js";
import { Button } from "../ui/button.js";
import { Dialog } from "../ui/dialog.js";
import { Section } from "../ui/section.js";
import { TextField } from "../ui/text-field.js";

/**
 * Deleting the account, behind a dialog that asks for the password (or, for an account without
 * one, the email); then the person is signed out and sent to the login page.
 */
export function DeleteAccountSection({ user }: { user: User }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const withPassword = user.has_password !== false;
  const [open, setOpen] = useState(false);
  const [confirmation, setConfirmation] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const close = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setConfirmation("");
      setError(undefined);
    }
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await deleteAccount(
        withPassword ? { password: confirmation } : { confirm: confirmation.trim() },
      );
      client.clear();
      client.setQueryData(meKey, null);
      await navigate({ to: "/login", search: { next: undefined } });
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };
  return (
    <Section
      title="Delete account"
      tone="danger"
      lead="Deletes your account with your bots, conversations, files and API keys. This cannot be undone."
    >
      <div>
        <Button variant="danger" onClick={() => setOpen(true)}>
          Delete my account
        </Button>
      </div>
      <Dialog
        open={open}
        onOpenChange={close}
        title="Delete your account?"
        description="Your bots (and everyone's conversations with them), your conversations, files and API keys are deleted at once, and you are signed out."
      >
        <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3">
          {withPassword ? (
            <TextField
              label="Your password"
              type="password"
              autoComplete="current-password"
              required
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          ) : (
            <TextField
              label={`Type your email (${user.email}) to confirm`}
              type="email"
              required
              value={confirmation}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          )}
          {error && (
            <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => close(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={busy}>
              {busy ? "Deleting…" : "Delete account"}
            </Button>
          </div>
        </form>
      </Dialog>
    </Section>
  );
}
