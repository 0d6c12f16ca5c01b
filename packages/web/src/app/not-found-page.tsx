import { Link } from "@tanstack/react-router";

/** Any address the app does not know. */
export function NotFoundPage() {
  return (
    <main className="flex h-full flex-col items-center justify-center gap-3 p-8 text-center">
      <h1 className="text-xl font-semibold">This page does not exist</h1>
      <p className="text-sm text-muted">
        The link may be old, or the thing it pointed to was deleted.
      </p>
      <Link
        to="/"
        search={{ bot: undefined }}
        className="text-sm font-medium text-accent underline"
      >
        Start a new chat
      </Link>
    </main>
  );
}
