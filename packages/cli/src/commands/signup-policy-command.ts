import type { Command } from "commander";
import { CliError } from "../cli-error.js";
import { SIGNUP_POLICIES, type Settings } from "../admin/admin-schemas.js";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { printJson } from "../print-output.js";

const MEANINGS: Record<Settings["signup_policy"], string> = {
  open: "anyone can create an account",
  approval: "new accounts wait until an admin enables them",
  invite: "only people with an invite link can create an account",
  closed: "nobody can create an account",
};

const SOURCES: Record<Settings["signup_policy_source"], string> = {
  admin: "set by an admin",
  environment: "set by PARLOR_SIGNUP",
  default: "the default",
};

/** `parlor signup-policy [policy]`: shows who may create an account, or changes it. */
export function registerSignupPolicyCommand(program: Command): void {
  withAdminOptions(
    program
      .command("signup-policy [policy]")
      .description(`Show or set who may create an account: ${SIGNUP_POLICIES.join(", ")}`),
  ).action((policy: string | undefined, options: AdminOptions) =>
    withAdminClient(options, async (client) => {
      if (policy !== undefined && !SIGNUP_POLICIES.some((known) => known === policy)) {
        throw new CliError(
          `The sign-up policy is one of ${SIGNUP_POLICIES.join(", ")}, not ${policy}`,
        );
      }
      const settings = policy
        ? await client.setSignupPolicy(policy as Settings["signup_policy"])
        : await client.settings();
      if (options.json) return printJson({ settings });
      console.log(
        `Sign-up policy: ${settings.signup_policy} (${SOURCES[settings.signup_policy_source]}): ${MEANINGS[settings.signup_policy]}`,
      );
    }),
  );
}
