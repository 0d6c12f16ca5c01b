import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";

/** The default policy with a caller's overrides. */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...DEFAULT_RETRY_POLICY, ...overrides };
}
