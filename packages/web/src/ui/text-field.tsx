import type { InputHTMLAttributes, ReactNode } from "react";
import { Field } from "./field.js";

/** A labelled input with an optional hint and error. */
export function TextField({
  label,
  hint,
  error,
  className,
  ...props
}: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string }) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <input
          {...control}
          className="h-10 rounded-lg border border-line bg-raised px-3 text-sm text-ink placeholder:text-muted focus:border-accent"
          {...props}
        />
      )}
    </Field>
  );
}
