import { useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { changePassword, sessionsKey } from "../api/account.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { TextField } from "../ui/text-field.js";

/** Changing the password: the current one, then the new one; other sessions are signed out. */
export function PasswordSection() {
  const client = useQueryClient();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDone(false);
    try {
      await changePassword(current, next);
      setCurrent("");
      setNext("");
      setDone(true);
      await client.invalidateQueries({ queryKey: sessionsKey });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Password" lead="Changing it signs you out everywhere else.">
      <form onSubmit={(event) => void submit(event)} className="flex flex-col gap-3 sm:max-w-sm">
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={1024}
          hint="At least 8 characters."
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <div>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? "Changing…" : "Change password"}
          </Button>
        </div>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
      {done && (
        <p role="status" className="text-sm text-success">
          Password changed. Your other sessions are signed out.
        </p>
      )}
    </Section>
  );
}
