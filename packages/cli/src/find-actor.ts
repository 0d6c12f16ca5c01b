import type { Actor, Platform } from "@parlor/server";
import { CliError } from "./cli-error.js";

interface UserLike {
  id: string;
  email: string;
  role: "admin" | "user";
}

const toActor = (user: UserLike): Actor => ({
  userId: user.id,
  email: user.email,
  role: user.role,
});

/** The account with this email, acting as itself; a CliError when there is none. */
export async function actorByEmail(platform: Platform, email: string): Promise<Actor> {
  const user = await platform.accounts.findUserByEmail(email);
  if (!user) {
    throw new CliError(`No account with the email ${email}; create one with "parlor users create"`);
  }
  if (user.disabled_at !== null) {
    throw new CliError(
      `The account ${user.email} is disabled; enable it first with "parlor users enable ${user.email}"`,
    );
  }
  return toActor(user);
}

/** The oldest admin who can sign in, the default identity of commands run by the operator. */
export async function firstAdmin(platform: Platform): Promise<Actor> {
  const user = await platform.store.db
    .selectFrom("users")
    .selectAll()
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
  if (!user) {
    throw new CliError('No admin account yet; create one with "parlor users create --admin"');
  }
  return toActor(user);
}
