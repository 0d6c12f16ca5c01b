import type { ReactNode, TextareaHTMLAttributes } from "react";
import { Field } from "./field.js";

/** A labelled multi-line input with an optional hint and error. */
export function TextAreaField({
  label,
  hint,
  error,
  className,
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & {
  label: string;
  hint?: ReactNode;
  error?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(control) => (
        <textarea
          {...control}
          className="min-h-24 rounded-lg border border-line bg-raised px-3 py-2 text-sm text-ink placeholder:text-muted focus:border-accent"
          {...props}
        />
      )}
    </Field>
  );
}
