import type { z } from "zod";
import type { Store } from "../store/store.js";

/** How long another instance's change to a usage setting may take to be seen here. */
const REFRESH_MS = 30_000;

/**
 * One admin setting read on hot paths (every reply's cost, every message's limit check): kept
 * in memory, read again when older than 30 s so other instances' changes arrive, and written
 * through. A stored value that no longer parses is treated as unset, not as an outage.
 */
export function createCachedSetting<T>(deps: {
  store: Store;
  clock: () => number;
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  onError?: (error: unknown) => void;
}) {
  let value = deps.fallback;
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | undefined;
  const load = () =>
    (loading ??= deps.store.settings
      .get(deps.key)
      .then((stored) => {
        const parsed = deps.schema.safeParse(stored);
        value = parsed.success ? parsed.data : deps.fallback;
        loadedAt = deps.clock();
      })
      .catch((error: unknown) => deps.onError?.(error))
      .finally(() => (loading = undefined)));
  const stale = () => deps.clock() - loadedAt >= REFRESH_MS;
  return {
    /** The value now, fresh. */
    async current(): Promise<T> {
      if (stale()) await load();
      return value;
    },
    /** The value held in memory, at once; a stale one is read again in the background. */
    cached(): T {
      if (stale()) void load();
      return value;
    },
    async set(next: T): Promise<void> {
      await deps.store.settings.set(deps.key, next, deps.clock());
      value = next;
      loadedAt = deps.clock();
    },
  };
}
