import { Link } from "@tanstack/react-router";
import { useState, type FormEvent, type ReactNode } from "react";
import { describeError } from "../api/api-error.js";
import { Button } from "../ui/button.js";
import { TextField } from "../ui/text-field.js";

/** The form shared by login and sign-up: email, password, one button, the error in words. */
export function AuthForm({
  title,
  submitLabel,
  passwordAutoComplete,
  onSubmit,
  footer,
  alternative,
}: {
  title: string;
  submitLabel: string;
  passwordAutoComplete: "current-password" | "new-password";
  onSubmit: (email: string, password: string) => Promise<void>;
  footer: { text: string; link: "/login" | "/signup"; label: string };
  /** Another way in, shown above the email field (single sign-on on the login page). */
  alternative?: ReactNode;
}) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(form.get("email") as string, form.get("password") as string);
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="flex min-h-full items-center justify-center bg-surface p-4">
      <form
        onSubmit={(event) => void submit(event)}
        className="flex w-full max-w-sm flex-col gap-4 rounded-2xl border border-line bg-raised p-6 shadow-sm"
      >
        <div>
          <p className="text-sm font-semibold text-accent">Parlor</p>
          <h1 className="mt-1 text-xl font-semibold">{title}</h1>
        </div>
        {alternative}
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          autoFocus
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete={passwordAutoComplete}
          minLength={passwordAutoComplete === "new-password" ? 8 : undefined}
          hint={passwordAutoComplete === "new-password" ? "At least 8 characters." : undefined}
          required
        />
        {error && (
          <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" disabled={busy}>
          {busy ? "One moment…" : submitLabel}
        </Button>
        <p className="text-center text-sm text-muted">
          {footer.text}{" "}
          <Link to={footer.link} className="font-medium text-accent underline">
            {footer.label}
          </Link>
        </p>
      </form>
    </main>
  );
}
