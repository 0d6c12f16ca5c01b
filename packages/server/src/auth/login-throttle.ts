import { RateLimitedError, UnauthenticatedError } from "../errors.js";
import type { RateLimiter } from "../limits/rate-limiter.js";

const MINUTE_MS = 60_000;
/** An address may fail this many times the per-account limit, over all accounts together. */
const ADDRESS_FACTOR = 3;
/** The window in which an account's failures from every address add up. */
export const BACKOFF_WINDOW_MS = 15 * MINUTE_MS;
/** Failures of one account from every address, in a window, before its logins slow down. */
const BACKOFF_FACTOR = 5;
const BACKOFF_FIRST_DELAY_MS = 250;
/** The longest a login waits: slow for a guesser, still a login for the owner. */
export const BACKOFF_MAX_DELAY_MS = 8_000;

/** How long a login waits when its account has failed `failures` times lately. */
export function backoffDelay(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(BACKOFF_MAX_DELAY_MS, BACKOFF_FIRST_DELAY_MS * 2 ** (failures - threshold));
}

/** What the throttle needs: counters (shared between instances with Redis) and a way to wait. */
export interface LoginThrottleDeps {
  limiter: RateLimiter;
  /** Failed logins a minute per account and client address. */
  failuresPerMinute: number;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Guards logins so guessing is slow but nobody can lock the owner out. Wrong passwords count
 * per account and client address and per address, refused past their limits (429); a right
 * one clears its account-and-address count. Failures of an account from every address together
 * never refuse: past a threshold each further one doubles a wait before the next answer, capped.
 * Known and unknown emails take exactly the same path.
 */
export function createLoginThrottle(deps: LoginThrottleDeps) {
  const { limiter, failuresPerMinute } = deps;
  const sleep = deps.sleep ?? wait;
  const perAddress = failuresPerMinute * ADDRESS_FACTOR;
  const backoffThreshold = failuresPerMinute * BACKOFF_FACTOR;
  return {
    /** Runs `logIn` for `email` from `address` within the limits; wrong passwords count. */
    async attempt<T>(email: string, address: string, logIn: () => Promise<T>): Promise<T> {
      const account = `login:account:${email.trim().toLowerCase()}`;
      const accountHere = `${account}:from:${address}`;
      const here = `login:address:${address}`;
      // Counted before the attempt (so a burst in parallel cannot slip past the limit) and
      // taken back if it succeeds: only failures stay counted.
      const mine = await limiter.add(accountHere, MINUTE_MS);
      if (mine.count > failuresPerMinute) {
        throw new RateLimitedError(
          `Too many failed logins to this account from your address. Try again in ${mine.retryAfterSeconds} seconds.`,
          mine.retryAfterSeconds,
        );
      }
      const ours = await limiter.add(here, MINUTE_MS);
      if (ours.count > perAddress) {
        await limiter.forgive(accountHere, MINUTE_MS);
        throw new RateLimitedError(
          `Too many failed logins from your address. Try again in ${ours.retryAfterSeconds} seconds.`,
          ours.retryAfterSeconds,
        );
      }
      const everywhere = await limiter.peek(account, BACKOFF_WINDOW_MS);
      const delay = backoffDelay(everywhere.count, backoffThreshold);
      if (delay > 0) await sleep(delay);
      try {
        const result = await logIn();
        await limiter.reset(accountHere, MINUTE_MS);
        await limiter.forgive(here, MINUTE_MS);
        return result;
      } catch (error) {
        if (error instanceof UnauthenticatedError) await limiter.add(account, BACKOFF_WINDOW_MS);
        else {
          // Not a wrong password (a disabled account, a database failure): take this one back,
          // and only this one, or such answers would wipe the count of real failures.
          await limiter.forgive(accountHere, MINUTE_MS);
          await limiter.forgive(here, MINUTE_MS);
        }
        throw error;
      }
    },
  };
}

/** The login throttle. */
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
