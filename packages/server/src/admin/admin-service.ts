import type { Actor } from "../auth/accounts.js";
import { authorize } from "../auth/authorize.js";
import { invalidField, InvalidRequestError, NotFoundError } from "../errors.js";
import type { BotWithOwner } from "../store/bots-store.js";
import type { Page, PageRequest } from "../store/list-page.js";
import type { Store } from "../store/store.js";
import type { AccountChanges, AccountStatus, UserRow } from "../store/users-store.js";

/** Managing the platform: its accounts, and every bot whoever owns it. Admins only. */
export function createAdminService(deps: { store: Store; clock?: () => number }) {
  const { store } = deps;
  const clock = deps.clock ?? Date.now;

  /** Refuses non-admins as if there were nothing here (the routes answer them first). */
  function requireAdmin(actor: Actor): void {
    if (!authorize(actor, "administer", { kind: "platform" })) throw new NotFoundError("Page");
  }

  return {
    /** People's accounts, newest first; `emailContains` and `status` narrow them down. */
    listUsers(
      actor: Actor,
      page: PageRequest & {
        emailContains?: string | undefined;
        status?: AccountStatus | undefined;
      },
    ): Promise<Page<UserRow>> {
      requireAdmin(actor);
      return store.users.listPeople(page);
    },

    /**
     * Disables or enables an account, or changes its role. Disabling ends its sessions and
     * stops its API keys at once. An admin cannot disable or demote themselves, and the last
     * admin who can sign in stays one.
     */
    async updateUser(actor: Actor, userId: string, changes: AccountChanges): Promise<UserRow> {
      requireAdmin(actor);
      if (userId === actor.userId && changes.disabled === true)
        throw invalidField("disabled", "You cannot disable your own account");
      if (userId === actor.userId && changes.role === "user")
        throw invalidField("role", "You cannot remove your own admin role");
      const result = await store.users.updateAccount(userId, changes, clock());
      if ("updated" in result) return result.updated;
      if (result.refused === "not_found") throw new NotFoundError("User");
      throw new InvalidRequestError(
        "This is the last admin: make another account an admin before demoting or disabling this one",
      );
    },

    /** Every bot with its owner, newest first; `contains` searches handles and display names. */
    listBots(
      actor: Actor,
      page: PageRequest & { contains?: string | undefined },
    ): Promise<Page<BotWithOwner>> {
      requireAdmin(actor);
      return store.bots.listWithOwners(page);
    },

    /**
     * Hides a bot from everyone but its owner and admins (it can no longer be listed, opened or
     * used by anyone else), or shows it again.
     */
    async setBotHidden(actor: Actor, handle: string, hidden: boolean): Promise<BotWithOwner> {
      requireAdmin(actor);
      const bot = await store.bots.findByHandle(handle);
      const owner = bot && (await store.users.findById(bot.owner_id));
      if (!bot || !owner) throw new NotFoundError(`Bot "${handle}"`);
      const now = clock();
      const hiddenAt = hidden ? (bot.hidden_at ?? now) : null;
      await store.bots.update(bot.id, { hidden_at: hiddenAt, updated_at: now });
      return { ...bot, hidden_at: hiddenAt, updated_at: now, owner_email: owner.email };
    },
  };
}

/** The admin service. */
export type AdminService = ReturnType<typeof createAdminService>;
