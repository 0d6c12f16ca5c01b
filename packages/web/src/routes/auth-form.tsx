import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { Button } from "../ui/button.js";
import { TextField } from "../ui/text-field.js";
import { useFormSubmit } from "../ui/use-form-submit.js";
import { AuthCard } from "./auth-card.js";

/** The form shared by login and sign-up: email, password, one button, the error in words. */
export function AuthForm({
  title,
  submitLabel,
  passwordAutoComplete,
  onSubmit,
  footer,
  notice,
  alternative,
}: {
  title: string;
  submitLabel: string;
  passwordAutoComplete: "current-password" | "new-password";
  onSubmit: (email: string, password: string) => Promise<void>;
  footer: { text: string; link: "/login" | "/signup"; label: string };
  /** A line above the fields: what to expect (an invite is needed, an admin approves…). */
  notice?: ReactNode;
  /** Another way in, shown above the email field (single sign-on on the login page). */
  alternative?: ReactNode;
}) {
  const {
    error,
    busy,
    onSubmit: submit,
  } = useFormSubmit((form) =>
    onSubmit(form.get("email") as string, form.get("password") as string),
  );
  return (
    <AuthCard title={title} onSubmit={submit}>
      {notice && (
        <p role="note" className="rounded-lg bg-accent-soft px-3 py-2 text-sm">
          {notice}
        </p>
      )}
      {alternative}
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete={passwordAutoComplete}
        minLength={passwordAutoComplete === "new-password" ? 8 : undefined}
        maxLength={1024}
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
    </AuthCard>
  );
}
