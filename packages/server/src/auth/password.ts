import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

const PARAMETERS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** Hashes a password with scrypt; the parameters travel in the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMETERS);
  const { N, r, p } = PARAMETERS;
  return `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** Checks a password against a hash from {@link hashPassword}, in constant time. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [scheme, n, r, p, salt, expected] = hash.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !expected) return false;
  const key = await derive(password, Buffer.from(salt, "base64url"), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  const wanted = Buffer.from(expected, "base64url");
  return wanted.length === key.length && timingSafeEqual(wanted, key);
}

/**
 * A hash of nothing with the same parameters, salt and key sizes as real ones: checking a
 * password against it costs what checking a real one does, so an unknown email takes as long.
 */
const NOTHING_HASH = [
  "scrypt",
  PARAMETERS.N,
  PARAMETERS.r,
  PARAMETERS.p,
  Buffer.alloc(16).toString("base64url"),
  Buffer.alloc(KEY_LENGTH).toString("base64url"),
].join("$");

/** Checks a password against `hash`, or, when there is none, spends the same time and says no. */
export async function verifyPasswordOrNothing(
  password: string,
  hash: string | undefined,
): Promise<boolean> {
  const valid = await verifyPassword(password, hash ?? NOTHING_HASH);
  return hash !== undefined && valid;
}
