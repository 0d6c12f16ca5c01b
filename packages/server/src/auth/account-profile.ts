import type { BotAvatars } from "../bots/bot-avatars.js";
import { InvalidRequestError, NotFoundError } from "../errors.js";
import type { Store } from "../store/store.js";
import type { UserAvatarRow } from "../store/user-avatars-store.js";
import type { UserRow } from "../store/users-store.js";
import { hasPassword } from "./password-rules.js";

/** The longest display name, in characters (code points). */
export const MAX_DISPLAY_NAME_LENGTH = 64;

/**
 * Characters a name may not carry: controls, lone surrogates (not text at all) and the bidi
 * controls that would make a name read as something else.
 */
const REFUSED_IN_NAMES = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;

/** The signed-in user as `/api/auth/me` and login answer it. */
export interface SessionUser {
  id: string;
  email: string;
  role: UserRow["role"];
  display_name: string | null;
  avatar_url: string | null;
  /** False for accounts that sign in another way (single sign-on): they confirm by email. */
  has_password: boolean;
}

/** A display name as stored: trimmed, null when empty; 400 `display_name: …` saying why not. */
export function parseDisplayName(input: string | null): string | null {
  if (input === null) return null;
  if (REFUSED_IN_NAMES.test(input))
    throw new InvalidRequestError("A display name cannot hold control characters.", {
      field: "display_name",
    });
  const name = input.trim();
  if ([...name].length > MAX_DISPLAY_NAME_LENGTH)
    throw new InvalidRequestError(`display_name: at most ${MAX_DISPLAY_NAME_LENGTH} characters`);
  return name === "" ? null : name;
}

/** `/api/users/<id>/avatar?v=<version>`, or null without an avatar; the version busts caches. */
export function userAvatarUrl(user: Pick<UserRow, "id" | "avatar_version">): string | null {
  if (user.avatar_version === null) return null;
  return `/api/users/${encodeURIComponent(user.id)}/avatar?v=${user.avatar_version}`;
}

/** What the web app knows of the signed-in user. */
export function sessionUser(user: UserRow): SessionUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    display_name: user.display_name,
    avatar_url: userAvatarUrl(user),
    has_password: hasPassword(user.password_hash),
  };
}

/**
 * What people show of themselves: a display name and an avatar, checked as bot avatars are
 * (`avatars.fromUpload`: PNG, JPEG, WebP or GIF by their bytes, at most 2 MB).
 */
export function createAccountProfiles(deps: {
  store: Store;
  avatars: Pick<BotAvatars, "fromUpload">;
  clock?: () => number;
}) {
  const { store } = deps;
  const clock = deps.clock ?? Date.now;
  const current = async (userId: string): Promise<UserRow> => {
    const user = await store.users.findById(userId);
    if (!user) throw new NotFoundError("Account");
    return user;
  };
  return {
    /** The user as the web app sees them. */
    me: async (userId: string): Promise<SessionUser> => sessionUser(await current(userId)),

    async rename(userId: string, displayName: string | null): Promise<SessionUser> {
      await store.users.updateProfile(userId, { display_name: parseDisplayName(displayName) });
      return sessionUser(await current(userId));
    },

    async setAvatar(userId: string, bytes: Uint8Array): Promise<SessionUser> {
      const image = deps.avatars.fromUpload(bytes);
      const user = await current(userId);
      const now = clock();
      const version = Math.max(now, (user.avatar_version ?? 0) + 1);
      await store.userAvatars.put(
        {
          user_id: userId,
          content_type: image.contentType,
          bytes: Buffer.from(image.bytes),
          updated_at: now,
        },
        version,
      );
      return sessionUser(await current(userId));
    },

    async removeAvatar(userId: string): Promise<SessionUser> {
      await store.userAvatars.delete(userId);
      return sessionUser(await current(userId));
    },

    /** The stored avatar of a person who shows one. */
    findAvatar: (userId: string): Promise<UserAvatarRow | undefined> =>
      store.userAvatars.find(userId),
  };
}

/** The account profiles service. */
export type AccountProfiles = ReturnType<typeof createAccountProfiles>;
