import type { Actor } from "./accounts.js";

/** Who may see a bot: everyone, anyone who knows its handle, or its owner (and admins). */
export type BotVisibility = "public" | "unlisted" | "private";

/** Anything an actor may touch, with who owns it. */
export type Resource =
  | { kind: "conversation" | "message" | "generation" | "key" | "file"; ownerId: string }
  | { kind: "bot"; ownerId: string; visibility: BotVisibility; hidden: boolean }
  /** The platform itself: its accounts and every bot, as admins manage them. */
  | { kind: "platform" };

/**
 * What the actor wants to do. `list` is being shown a bot in lists (GET /api/bots,
 * /v1/models), which asks more than `read` (opening it by handle); `administer` is managing
 * the platform.
 */
export type Action = "list" | "read" | "use" | "write" | "administer";

/** Who asks: a signed-in user, or a server bot acting with its owner's rights (never an admin's). */
export type Principal = Pick<Actor, "userId" | "role">;

/** What a server bot calling other bots may reach: its owner's bots and public ones, no more. */
export function principalOfBotOwner(ownerId: string): Principal {
  return { userId: ownerId, role: "user" };
}

/** A stored bot as {@link authorize} sees it. */
export function botResource(bot: {
  owner_id: string;
  visibility: BotVisibility;
  hidden_at: number | null;
}): Resource {
  return {
    kind: "bot",
    ownerId: bot.owner_id,
    visibility: bot.visibility,
    hidden: bot.hidden_at !== null,
  };
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
  if (!actor) {
    return (
      resource.kind === "bot" &&
      action === "read" &&
      resource.visibility === "public" &&
      !resource.hidden
    );
  }
  const admin = actor.role === "admin";
  if (resource.kind === "platform") return action === "administer" && admin;
  if (resource.ownerId === actor.userId) return action !== "administer";
  if (resource.kind === "bot") return mayTouchBot(admin, action, resource);
  // Conversations, messages, generations, keys and files are private even to admins.
  return false;
}

/** Someone else's bot: admins may do anything with it, others only use what is shown to them. */
function mayTouchBot(
  admin: boolean,
  action: Action,
  bot: Extract<Resource, { kind: "bot" }>,
): boolean {
  // Lists show an admin what anyone sees, plus what admins hid; never others' unlisted or private bots.
  if (action === "list") return bot.visibility === "public" && (admin || !bot.hidden);
  if (admin) return action !== "administer";
  if (action === "write" || action === "administer" || bot.hidden) return false;
  return bot.visibility !== "private";
}
