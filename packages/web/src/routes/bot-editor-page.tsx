/** Placeholder until the creator is built. */
export function NewBotPage() {
  return <div className="p-6 text-sm text-muted">Coming soon.</div>;
}

/** Placeholder until the creator is built. */
export function EditBotPage() {
  return <div className="p-6 text-sm text-muted">Coming soon.</div>;
}
