/**
 * Merges headers case-insensitively, later ones winning, so a caller's `accept` overrides our
 * `Accept` instead of being sent alongside it.
 */
export function mergeHeaders(
  ...sources: (Record<string, string> | undefined)[]
): Record<string, string> {
  const merged = new Headers();
  for (const source of sources) {
    for (const [name, value] of Object.entries(source ?? {})) merged.set(name, value);
  }
  return Object.fromEntries(merged);
}
