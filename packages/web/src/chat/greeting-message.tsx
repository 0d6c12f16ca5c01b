import type { Bot } from "../api/types.js";
import { MarkdownMessage } from "../markdown/markdown-message.js";
import { BotAvatar } from "../ui/bot-avatar.js";

/** The bot's introduction, shown as its first bubble (it is not part of the conversation). */
export function GreetingMessage({ bot }: { bot: Bot }) {
  const text = bot.greeting ?? bot.settings.introduction_message;
  if (!text) {
    return (
      <div className="flex flex-col items-center gap-2 py-8 text-center">
        <BotAvatar bot={bot} size={56} />
        <p className="font-semibold">{bot.display_name}</p>
        {bot.description && <p className="max-w-md text-sm text-muted">{bot.description}</p>}
      </div>
    );
  }
  return (
    <article aria-label={`${bot.display_name} introduces itself`} className="flex gap-3">
      <BotAvatar bot={bot} size={32} />
      <div className="min-w-0 flex-1">
        <div className="mb-1 text-xs font-medium text-muted">{bot.display_name}</div>
        <div className="text-sm leading-relaxed">
          <MarkdownMessage text={text} />
        </div>
      </div>
    </article>
  );
}
