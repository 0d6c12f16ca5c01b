import type { FormEvent, ReactNode } from "react";

/** The card the login and sign-up pages sit in: the app's name, a heading, then the content. */
export function AuthCard({
  title,
  onSubmit,
  children,
}: {
  title: string;
  /** Makes the card a form. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  const className =
    "flex w-full max-w-sm flex-col gap-4 rounded-2xl border border-line bg-raised p-6 shadow-sm";
  const heading = (
    <div>
      <p className="text-sm font-semibold text-accent">Parlor</p>
      <h1 className="mt-1 text-xl font-semibold">{title}</h1>
    </div>
  );
  return (
    <main className="flex min-h-full items-center justify-center bg-surface p-4">
      {onSubmit ? (
        <form onSubmit={onSubmit} className={className}>
          {heading}
          {children}
        </form>
      ) : (
        <div className={className}>
          {heading}
          {children}
        </div>
      )}
    </main>
  );
}
