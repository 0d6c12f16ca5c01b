/** How many random bytes are drawn at once; 4 KiB serves about a hundred ids. */
const POOL_SIZE = 4096;

let pool = new Uint8Array(0);
let used = 0;

/**
 * `length` fresh random bytes from the platform's CSPRNG (Web Crypto). They are drawn 4 KiB at a
 * time, as Node's `randomUUID` does, because each draw costs microseconds however few bytes it
 * asks for, and ids and tokens are minted on every request. No byte is handed out twice.
 */
export function randomBytes(length: number): Uint8Array {
  if (length > POOL_SIZE) return globalThis.crypto.getRandomValues(new Uint8Array(length));
  if (used + length > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_SIZE));
    used = 0;
  }
  const bytes = pool.slice(used, used + length);
  used += length;
  return bytes;
}
