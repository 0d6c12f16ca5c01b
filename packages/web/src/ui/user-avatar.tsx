import type { User } from "../api/types.js";
import { BotAvatar } from "./bot-avatar.js";

/** What a person is shown as: their display name, or their email without one. */
export const nameOf = (user: Pick<User, "email" | "display_name">) =>
  user.display_name || user.email;

/** A person's picture: their avatar, or their initial on a colour derived from the email. */
export function UserAvatar({
  user,
  size = 28,
}: {
  user: Pick<User, "email" | "display_name" | "avatar_url">;
  size?: number;
}) {
  // Drawn as bot avatars are: the same platform-served image or the same initial.
  return (
    <BotAvatar
      bot={{ handle: user.email, display_name: nameOf(user), avatar_url: user.avatar_url ?? null }}
      size={size}
    />
  );
}
