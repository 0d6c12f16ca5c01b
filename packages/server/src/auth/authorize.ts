import type { Actor } from "./accounts.js";

/** Anything an actor may touch, with who owns it. */
export type Resource =
  | { kind: "conversation" | "message" | "generation" | "key" | "file"; ownerId: string }
  | { kind: "bot"; ownerId: string; visibility: "public" | "private" };

/** What the actor wants to do. */
export type Action = "read" | "use" | "write";

/** Who asks: a signed-in user, or a server bot acting with its owner's rights (never an admin's). */
export type Principal = Pick<Actor, "userId" | "role">;

/** What a server bot calling other bots may reach: its owner's bots and public ones, no more. */
export function principalOfBotOwner(ownerId: string): Principal {
  return { userId: ownerId, role: "user" };
}

/**
 * The one function that decides every access, whatever the credential (cookie, API key, or a
 * bot's access key, which acts with its owner's rights: `principalOfBotOwner`), or none
 * (`undefined`: a visitor who is not signed in, who may only read public bots).
 * Routes answer 404 when it says no, so nobody learns what exists.
 */
export function authorize(
  actor: Principal | undefined,
  action: Action,
  resource: Resource,
): boolean {
  if (!actor)
    return resource.kind === "bot" && action === "read" && resource.visibility === "public";
  if (resource.ownerId === actor.userId) return true;
  if (resource.kind === "bot") {
    if (action === "write") return actor.role === "admin";
    return resource.visibility === "public" || actor.role === "admin";
  }
  // Conversations, messages, generations, keys and files are private even to admins.
  return false;
}
