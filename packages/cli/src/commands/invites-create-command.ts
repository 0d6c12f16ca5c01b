import { InvalidArgumentError, type Command } from "commander";
import { withAdminClient, withAdminOptions, type AdminOptions } from "../admin/admin-session.js";
import { formatTime, printJson } from "../print-output.js";

/** Hours as the API takes them: a whole number from 1 to 720 (30 days). */
function hours(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 720)
    throw new InvalidArgumentError("It must be a whole number of hours from 1 to 720.");
  return parsed;
}

/** `parlor invites create`: a single-use sign-up link, for the invite policy or any other. */
export function registerInvitesCreateCommand(invites: Command): void {
  withAdminOptions(
    invites
      .command("create")
      .description("Create a single-use sign-up link and print it")
      .option("--expires-in-hours <hours>", "how long the link works (1 to 720)", hours)
      .option("--email <email>", "the email the invite is for"),
  ).action((options: AdminOptions & { expiresInHours?: number; email?: string }) =>
    withAdminClient(options, async (client) => {
      const invite = await client.createInvite({
        ...(options.expiresInHours === undefined ? {} : { expiresInHours: options.expiresInHours }),
        ...(options.email === undefined ? {} : { email: options.email }),
      });
      if (options.json) return printJson({ invite });
      const forWhom = invite.email ? ` for ${invite.email}` : "";
      console.log(`Invite${forWhom}, single use, until ${formatTime(invite.expires_at)}:`);
      console.log(invite.url);
    }),
  );
}
