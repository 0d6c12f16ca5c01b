import {
  ConflictError,
  ForbiddenError,
  InvalidRequestError,
  UnauthenticatedError,
} from "../errors.js";
import type { Store } from "../store/store.js";
import type { UserIdentity, UserRow } from "../store/users-store.js";
import { normalizedEmail } from "./email-address.js";
import { hashPassword, verifyPassword } from "./password.js";
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
export type PublicUser = Pick<UserRow, "id" | "email" | "role" | "created_at">;

function toActor(user: UserIdentity): Actor {
  return { userId: user.id, email: user.email, role: user.role };
}

/** Accounts, sessions and API keys. */
export function createAccounts(store: Store, clock: () => number = Date.now) {
  return {
    /** Creates an account; the first account on a platform becomes an admin. */
    async signUp(
      email: string,
      password: string,
      options: { admin?: boolean } = {},
    ): Promise<PublicUser> {
      const normalized = normalizedEmail(email);
      if (password.length < 8)
        throw new InvalidRequestError("password: must be at least 8 characters");
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
      );
      return { id: user.id, email: user.email, role: user.role, created_at: user.created_at };
    },

    /** Checks a password and opens a new session; returns the cookie token (shown once). */
    async logIn(email: string, password: string): Promise<{ token: string; actor: Actor }> {
      const user = await store.users.findByEmail(email.trim());
      // Hash anyway when the user is unknown, so timing does not reveal which emails exist.
      const valid = await verifyPassword(
        password,
        user?.password_hash ?? "scrypt$16384$8$1$AAAA$AAAA",
      );
      if (!user || !valid) throw new UnauthenticatedError("Wrong email or password");
      // Only after the password: whether an account is disabled is for its owner to learn.
      if (user.disabled_at !== null)
        throw new ForbiddenError("This account is disabled", "account_disabled");
      const token = randomToken();
      const now = clock();
      await store.sessions.insert({
        id: sha256(token),
        user_id: user.id,
        created_at: now,
        expires_at: now + SESSION_LIFETIME_MS,
      });
      return { token, actor: toActor(user) };
    },

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
