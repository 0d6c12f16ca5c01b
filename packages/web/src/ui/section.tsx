import { useId, type ReactNode } from "react";

/** A titled block of a page (an h2), labelled by its title for screen readers. */
export function Section({
  title,
  lead,
  tone = "plain",
  children,
}: {
  title: string;
  lead?: ReactNode;
  tone?: "plain" | "danger";
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className={`flex flex-col gap-4 rounded-2xl border bg-raised p-4 sm:p-5 ${
        tone === "danger" ? "border-danger" : "border-line"
      }`}
    >
      <div>
        <h2 id={id} className={`text-base font-semibold ${tone === "danger" ? "text-danger" : ""}`}>
          {title}
        </h2>
        {lead && <p className="mt-1 text-sm text-muted">{lead}</p>}
      </div>
      {children}
    </section>
  );
}
