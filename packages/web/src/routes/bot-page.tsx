/** Placeholder until this page is built. */
export function BotPage() {
  return <div className="p-6 text-sm text-muted">Coming soon.</div>;
}
