import type { Bot } from "../api/types.js";

const palette = ["#4338ca", "#0e7490", "#b45309", "#be185d", "#15803d", "#7c3aed"];

/**
 * A bot's picture: the platform-served avatar, or its initial on a colour derived from the
 * handle. Avatars are always platform paths, so no page hot-links an address an author chose.
 */
export function BotAvatar({
  bot,
  size = 36,
}: {
  bot: Pick<Bot, "handle" | "display_name" | "avatar_url">;
  size?: number;
}) {
  const style = { width: size, height: size };
  if (bot.avatar_url?.startsWith("/")) {
    return (
      <img
        src={bot.avatar_url}
        alt=""
        style={style}
        className="shrink-0 rounded-full object-cover"
      />
    );
  }
  const hash = [...bot.handle].reduce((sum, char) => sum + char.charCodeAt(0), 0);
  return (
    <span
      aria-hidden="true"
      style={{ ...style, background: palette[hash % palette.length], fontSize: size * 0.42 }}
      className="inline-flex shrink-0 items-center justify-center rounded-full font-semibold text-white"
    >
      {(bot.display_name || bot.handle).slice(0, 1).toUpperCase()}
    </span>
  );
}
