/**
 * How long a cached hot read may be served: the longest another instance of the platform can
 * go on seeing a bot or API key as it was before a change (a write on this instance is seen at
 * once).
 */
export const HOT_READ_TTL_MS = 1000;

/**
 * The store's cache for its hottest reads (an API key, a bot), which every bot call makes.
 * Values live `ttlMs`; `clear()` on every write drops them, and a read that was already under
 * way when a write cleared the cache does not put its now stale value back. Cached values are
 * frozen: callers share them.
 */
export class ShortLivedCache<V extends object> {
  readonly #entries = new Map<string, { value: V; expiresAt: number }>();
  #version = 0;

  constructor(
    private readonly ttlMs = HOT_READ_TTL_MS,
    private readonly maxEntries = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The cached value for `key`, or `fetch()`'s, kept when it found something. */
  async load(key: string, fetch: () => Promise<V | undefined>): Promise<V | undefined> {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt > this.clock()) return entry.value;
    const version = this.#version;
    const value = await fetch();
    if (value !== undefined && version === this.#version) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear();
      this.#entries.set(key, { value: Object.freeze(value), expiresAt: this.clock() + this.ttlMs });
    }
    return value;
  }

  /** Forgets everything, including what reads under way will return. */
  clear(): void {
    this.#entries.clear();
    this.#version++;
  }
}
