import { ConflictError, ForbiddenError, UnauthenticatedError } from "../errors.js";
import type { Store } from "../store/store.js";
import {
  accountStatus,
  type AccountStatus,
  type AdmitAccount,
  type UserIdentity,
  type UserRow,
} from "../store/users-store.js";
import { normalizedEmail } from "./email-address.js";
import { hashPassword, verifyPasswordOrNothing } from "./password.js";
import { assertNewPasswordLength, assertPasswordNotTooLong } from "./password-rules.js";
import { randomId, randomToken, sha256 } from "./tokens.js";

/** How long a login lasts. */
export const SESSION_LIFETIME_MS = 30 * 24 * 3600 * 1000;
/** User API keys start with this, so leaked keys are easy to recognise and scan for. */
export const API_KEY_PREFIX = "pk_";

/** A signed-in user as every route sees them. */
export interface Actor {
  userId: string;
  email: string;
  role: "admin" | "user";
}

/** An account as shown to its owner. */
export type PublicUser = Pick<UserRow, "id" | "email" | "role" | "created_at"> & {
  status: AccountStatus;
};

/** Where a login came from, as its session remembers it. */
export interface SessionClient {
  userAgent?: string | undefined;
  address?: string | undefined;
}

/** User-Agent headers are kept to this length: enough to tell browsers apart. */
const MAX_USER_AGENT_LENGTH = 512;

function toActor(user: UserIdentity): Actor {
  return { userId: user.id, email: user.email, role: user.role };
}

/** Accounts, sessions and API keys. */
export function createAccounts(store: Store, clock: () => number = Date.now) {
  /** Opens a new session for an account already proven to be the caller's (password or SSO). */
  /** A new session for `user`; the browser and address it came from are kept for its owner. */
  const openSession = async (
    user: UserIdentity,
    client: SessionClient = {},
  ): Promise<{ token: string; actor: Actor }> => {
    const token = randomToken();
    const now = clock();
    await store.sessions.insert({
      id: sha256(token),
      user_id: user.id,
      created_at: now,
      expires_at: now + SESSION_LIFETIME_MS,
      user_agent: client.userAgent?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
      client_address: client.address ?? null,
    });
    return { token, actor: toActor(user) };
  };
  return {
    /**
     * Creates an account; the first account on a platform becomes an admin. Any other passes
     * `admit` when given (the sign-up policy: see `auth/signups.ts`).
     */
    async signUp(
      email: string,
      password: string,
      options: { admin?: boolean; admit?: AdmitAccount } = {},
    ): Promise<PublicUser> {
      const normalized = normalizedEmail(email);
      assertNewPasswordLength(password);
      if (await store.users.findByEmail(normalized))
        throw new ConflictError("An account with this email already exists");
      const user = await store.users.insertPerson(
        {
          id: randomId("usr"),
          email: normalized,
          password_hash: await hashPassword(password),
          created_at: clock(),
          disabled_at: null,
        },
        options.admin ?? false,
        options.admit,
      );
      const { id, role, created_at } = user;
      return { id, email: user.email, role, created_at, status: accountStatus(user) };
    },

    /**
     * Checks a password and opens a new session; returns the cookie token (shown once). The
     * browser and address it came from are kept, for its owner's list of sessions.
     */
    async logIn(
      email: string,
      password: string,
      client: SessionClient = {},
    ): Promise<{ token: string; actor: Actor }> {
      assertPasswordNotTooLong(password);
      const user = await store.users.findByEmail(email.trim());
      // Hash anyway when the user is unknown, so timing does not reveal which emails exist.
      // An account made by single sign-on has no password (an empty hash): it is checked
      // against the dummy hash all the same, so its answer takes as long as any other.
      const valid = await verifyPasswordOrNothing(password, user?.password_hash || undefined);
      if (!user?.password_hash || !valid) throw new UnauthenticatedError("Wrong email or password");
      // Only after the password: whether an account is disabled is for its owner to learn.
      if (user.disabled_at !== null)
        throw new ForbiddenError("This account is disabled", "account_disabled");
      if (user.pending_at !== null)
        throw new ForbiddenError("An admin has not approved this account yet", "account_pending");
      return openSession(user, client);
    },

    openSession,

    async logOut(token: string): Promise<void> {
      await store.sessions.delete(sha256(token));
    },

    async actorForSession(token: string): Promise<Actor | undefined> {
      const user = await store.sessions.findLiveUser(sha256(token), clock());
      return user ? toActor(user) : undefined;
    },

    /** Creates an API key; the key itself is returned once and stored only as a hash. */
    async createApiKey(
      userId: string,
      name: string,
    ): Promise<{ id: string; key: string; prefix: string }> {
      const key = `${API_KEY_PREFIX}${randomToken(24)}`;
      const id = randomId("key");
      const prefix = key.slice(0, API_KEY_PREFIX.length + 6);
      await store.apiKeys.insert({
        id,
        user_id: userId,
        name: name || "API key",
        prefix,
        key_hash: sha256(key),
        created_at: clock(),
        last_used_at: null,
        revoked_at: null,
      });
      return { id, key, prefix };
    },

    async actorForApiKey(key: string): Promise<Actor | undefined> {
      if (!key.startsWith(API_KEY_PREFIX)) return undefined;
      const row = await store.apiKeys.findActiveWithUser(sha256(key));
      if (!row) return undefined;
      // "Last used" to the minute is enough, and saves a write on every API request.
      const now = clock();
      if (row.last_used_at === null || now - row.last_used_at > 60_000)
        await store.apiKeys.touch(row.id, now);
      return toActor(row.user);
    },

    listApiKeys: (userId: string) => store.apiKeys.listForUser(userId),
    revokeApiKey: (userId: string, id: string) => store.apiKeys.revoke(id, userId, clock()),
    findUserByEmail: (email: string) => store.users.findByEmail(email.trim()),
  };
}

/** The accounts service. */
export type Accounts = ReturnType<typeof createAccounts>;
