import type { ReactNode } from "react";

/**
 * A scrolling page inside the app frame: the one h1 of the page, an optional line under it and
 * actions beside it, then the content in a readable column.
 */
export function Page({
  title,
  lead,
  actions,
  width = "narrow",
  children,
}: {
  title: ReactNode;
  lead?: ReactNode;
  actions?: ReactNode;
  width?: "narrow" | "wide";
  children: ReactNode;
}) {
  return (
    <div className="h-full overflow-y-auto">
      <div
        className={`mx-auto flex flex-col gap-6 px-4 py-6 sm:px-6 ${
          width === "wide" ? "max-w-5xl" : "max-w-3xl"
        }`}
      >
        <header className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{title}</h1>
            {lead && <p className="mt-1 text-sm text-muted">{lead}</p>}
          </div>
          {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
        </header>
        {children}
      </div>
    </div>
  );
}
