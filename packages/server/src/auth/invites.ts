import type { Transaction } from "kysely";
import { ForbiddenError, NotFoundError } from "../errors.js";
import type { InviteRefusal, InviteRow } from "../store/invites-store.js";
import type { Database } from "../store/schema.js";
import type { Store } from "../store/store.js";
import { randomId, randomToken, sha256 } from "./tokens.js";

/** An invite as admins see it; its token is never shown again after creation. */
export interface InviteView {
  id: string;
  expires_at: number;
  created_at: number;
  used_at: number | null;
  email: string | null;
}

/** What the person with a refused invite is told. */
const REFUSALS: Record<InviteRefusal, string> = {
  unknown: "This invite link is not valid (it may have been revoked). Ask an admin for a new one.",
  used: "This invite link has already been used. Ask an admin for a new one.",
  expired: "This invite link has expired. Ask an admin for a new one.",
  other_email: "This invite is for another email address.",
};

function view(row: InviteRow): InviteView {
  const { id, expires_at, created_at, used_at, email } = row;
  return { id, expires_at, created_at, used_at, email };
}

/** Sign-up invites: single use, expiring, optionally for one email; stored by hash. */
export function createInvites(deps: { store: Store; clock: () => number }) {
  const { store, clock } = deps;
  return {
    /** Creates an invite; the link (with its token) is in the answer only. */
    async create(
      createdBy: string,
      options: { expiresInHours: number; email?: string | undefined; baseUrl: string },
    ): Promise<InviteView & { url: string }> {
      const token = randomToken(24);
      const now = clock();
      const row: InviteRow = {
        id: randomId("inv"),
        token_hash: sha256(token),
        email: options.email?.trim().toLowerCase() ?? null,
        created_by: createdBy,
        created_at: now,
        expires_at: now + options.expiresInHours * 3_600_000,
        used_at: null,
      };
      await store.invites.insert(row);
      const url = new URL(`/signup?invite=${encodeURIComponent(token)}`, options.baseUrl);
      return { ...view(row), url: url.toString() };
    },
    list: async (): Promise<InviteView[]> => (await store.invites.list()).map(view),
    /** Revokes an invite: its link stops working at once. */
    async revoke(id: string): Promise<void> {
      if (!(await store.invites.delete(id))) throw new NotFoundError("Invite");
    },
    /** Uses the invite with `token` for `email` in a sign-up's transaction, or refuses it. */
    async redeem(transaction: Transaction<Database>, token: string, email: string): Promise<void> {
      const refusal = await store.invites.redeem(transaction, {
        tokenHash: sha256(token),
        email,
        now: clock(),
      });
      if (refusal) throw new ForbiddenError(REFUSALS[refusal], "invite_invalid");
    },
  };
}

/** The invites service. */
export type Invites = ReturnType<typeof createInvites>;
