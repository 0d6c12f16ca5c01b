/** Placeholder until this page is built. */
export function AccountPage() {
  return <div className="p-6 text-sm text-muted">Coming soon.</div>;
}
