import type { ReactNode } from "react";
import { describeError } from "../api/api-error.js";
import { isMissingRoute } from "../api/missing-route.js";

/** A failure in words, as an alert; `unavailable` says what a 404 means where it means more. */
export function ErrorNotice({ error, unavailable }: { error: unknown; unavailable?: string }) {
  const text = unavailable && isMissingRoute(error) ? unavailable : describeError(error);
  return (
    <p role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
      {text}
    </p>
  );
}

/** What a list shows when it has nothing in it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 rounded-2xl border border-dashed border-line px-4 py-10 text-center">
      <p className="font-medium">{title}</p>
      {children && <div className="text-sm text-muted">{children}</div>}
    </div>
  );
}
