import type { Actor } from "./accounts.js";

/** Anything an actor may touch, with who owns it. */
export type Resource =
  | { kind: "conversation" | "message" | "generation" | "key" | "file"; ownerId: string }
  | { kind: "bot"; ownerId: string; visibility: "public" | "private" };

/** What the actor wants to do. */
export type Action = "read" | "use" | "write";

/**
 * The one function that decides every access, whatever the credential (cookie, API key, bot
 * key acting for a user; a bot's calls to other bots follow its owner, see `authorizeBotCall`).
 * Routes answer 404 when it says no, so nobody learns what exists.
 */
export function authorize(actor: Actor, action: Action, resource: Resource): boolean {
  if (resource.ownerId === actor.userId) return true;
  if (resource.kind === "bot") {
    if (action === "write") return actor.role === "admin";
    return resource.visibility === "public" || actor.role === "admin";
  }
  // Conversations, messages, generations, keys and files are private even to admins.
  return false;
}
