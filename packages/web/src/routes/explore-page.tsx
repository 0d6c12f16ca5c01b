/** Placeholder until this page is built. */
export function ExplorePage() {
  return <div className="p-6 text-sm text-muted">Coming soon.</div>;
}
