import { memo } from "react";
import { Link } from "@tanstack/react-router";
import type { Bot } from "../api/types.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { Button } from "../ui/button.js";

/** The top of a chat: who you talk to (a link to the bot's page) and "Clear context". */
export const BotHeader = memo(function BotHeader({
  bot,
  onClearContext,
}: {
  bot: Pick<Bot, "handle" | "display_name" | "avatar_url" | "description">;
  /** Absent before the conversation exists. */
  onClearContext?: () => void;
}) {
  return (
    <header className="flex items-center gap-3 border-b border-line px-4 py-2.5">
      <BotAvatar bot={bot} size={32} />
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-sm font-semibold">
          <Link to="/bots/$handle" params={{ handle: bot.handle }} className="hover:underline">
            {bot.display_name}
          </Link>
        </h1>
        <p className="truncate text-xs text-muted">@{bot.handle}</p>
      </div>
      {onClearContext && (
        <Button
          size="sm"
          variant="ghost"
          onClick={onClearContext}
          title="Start afresh: earlier messages stay here but are no longer sent to the bot"
        >
          Clear context
        </Button>
      )}
    </header>
  );
});
