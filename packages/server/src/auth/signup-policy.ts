import { z } from "zod";
import { SIGNUP_POLICIES, type Config, type SignupPolicy } from "../config/config.js";
import { ConflictError } from "../errors.js";
import type { Store } from "../store/store.js";

/** Where the policy in force comes from: `PARLOR_SIGNUP`, an admin's choice, or the default. */
export type SignupPolicySource = "environment" | "admin" | "default";

/** The sign-up policy in force and where it comes from. */
export interface SignupPolicySetting {
  policy: SignupPolicy;
  source: SignupPolicySource;
}

const SETTING_KEY = "signup_policy";
const storedSchema = z.enum(SIGNUP_POLICIES);

/**
 * Who may sign up. `PARLOR_SIGNUP` pins it; otherwise an admin's choice, kept in the database,
 * and before any choice `open` in development and `approval` in production, so a server put
 * on the internet does not take strangers in by default.
 */
export function createSignupPolicy(deps: {
  store: Store;
  config: Pick<Config, "signupPolicy" | "environment">;
  clock: () => number;
}) {
  const { store, config, clock } = deps;
  const fallback: SignupPolicy = config.environment === "production" ? "approval" : "open";
  return {
    async current(): Promise<SignupPolicySetting> {
      if (config.signupPolicy) return { policy: config.signupPolicy, source: "environment" };
      const stored = storedSchema.safeParse(await store.settings.get(SETTING_KEY));
      return stored.success
        ? { policy: stored.data, source: "admin" }
        : { policy: fallback, source: "default" };
    },
    /** An admin's choice; refused while the operator pins the policy. */
    async set(policy: SignupPolicy): Promise<SignupPolicySetting> {
      if (config.signupPolicy)
        throw new ConflictError("The sign-up policy is set by PARLOR_SIGNUP on the server");
      await store.settings.set(SETTING_KEY, policy, clock());
      return { policy, source: "admin" };
    },
  };
}

/** The sign-up policy service. */
export type SignupPolicyService = ReturnType<typeof createSignupPolicy>;
