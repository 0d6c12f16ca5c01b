import type { Bot, Message } from "../api/types.js";
import { MarkdownMessage } from "../markdown/markdown-message.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { Button } from "../ui/button.js";
import { CopyButton } from "../ui/copy-button.js";
import { BotFiles } from "./bot-files.js";
import { BranchPager } from "./branch-pager.js";
import { DislikeIcon, LikeIcon, RegenerateIcon } from "./icons.js";
import { ReactionPicker } from "./reaction-picker.js";
import { ReplyUsage } from "./reply-usage.js";
import { WaitingIndicator } from "./waiting-indicator.js";

const feedbackButtons = [
  { type: "like", label: "Like", icon: <LikeIcon /> },
  { type: "dislike", label: "Dislike", icon: <DislikeIcon /> },
] as const;

type BotLike = Pick<Bot, "handle" | "display_name" | "avatar_url">;

/** What a person can do to a reply. */
export interface BotMessageActions {
  regenerate: (message: Message) => void;
  rate: (message: Message, type: "like" | "dislike") => void;
  react: (message: Message, reaction: string) => void;
  sendSuggestion: (text: string) => void;
}

/** A bot's reply on the left: text, files, error and the reply's actions. */
export function BotMessage({
  message,
  bot,
  siblings,
  onSelectSibling,
  isLast,
  busy,
  actions,
}: {
  message: Message;
  bot: BotLike;
  siblings: string[];
  onSelectSibling: (id: string) => void;
  /** The last message shown: only it offers suggested replies. */
  isLast: boolean;
  /** A reply is running somewhere in the conversation. */
  busy: boolean;
  actions: BotMessageActions;
}) {
  const streaming = message.status === "streaming";
  const failed = message.status === "error";
  const canRetry = failed && message.allow_retry !== false;
  return (
    <article aria-label={`${bot.display_name} said`} className="flex gap-3">
      <BotAvatar bot={bot} size={32} />
      <div className="min-w-0 flex-1">
        <div className="mb-1 text-xs font-medium text-muted">{bot.display_name}</div>
        {message.content ? (
          <div className="text-sm leading-relaxed" aria-busy={streaming}>
            <MarkdownMessage text={message.content} streaming={streaming} />
          </div>
        ) : (
          streaming && <WaitingIndicator botName={bot.display_name} />
        )}
        <BotFiles files={message.files} />
        {failed && (
          <div
            role="alert"
            className="mt-2 flex flex-wrap items-center gap-2 rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger"
          >
            <span>{message.error || "The bot could not answer."}</span>
            {canRetry && (
              <Button
                size="sm"
                variant="secondary"
                disabled={busy}
                onClick={() => actions.regenerate(message)}
              >
                Retry
              </Button>
            )}
          </div>
        )}
        {message.status === "incomplete" && message.error && (
          <p className="mt-1 text-xs text-muted">{message.error}</p>
        )}
        {!streaming && (
          <div className="mt-1 flex flex-wrap items-center gap-0.5">
            <BranchPager
              siblings={siblings}
              current={message.id}
              what="reply"
              onSelect={onSelectSibling}
            />
            {message.content && <CopyButton text={message.content} label="Copy" />}
            {feedbackButtons.map(({ type, label, icon }) => (
              <Button
                key={type}
                size="sm"
                variant="ghost"
                aria-label={label}
                aria-pressed={message.feedback === type}
                onClick={() => actions.rate(message, type)}
                className="text-muted aria-pressed:text-accent"
              >
                {icon}
              </Button>
            ))}
            <ReactionPicker
              reaction={message.reaction}
              onReact={(reaction) => actions.react(message, reaction)}
            />
            {!failed && (
              <Button
                size="sm"
                variant="ghost"
                aria-label="Regenerate"
                disabled={busy}
                onClick={() => actions.regenerate(message)}
              >
                <RegenerateIcon />
              </Button>
            )}
            {message.usage && <ReplyUsage usage={message.usage} />}
          </div>
        )}
        {isLast && !streaming && !busy && message.suggested_replies.length > 0 && (
          <div className="mt-2 flex flex-wrap gap-2" aria-label="Suggested replies" role="group">
            {message.suggested_replies.map((suggestion) => (
              <Button
                key={suggestion}
                size="sm"
                variant="secondary"
                onClick={() => actions.sendSuggestion(suggestion)}
              >
                {suggestion}
              </Button>
            ))}
          </div>
        )}
      </div>
    </article>
  );
}
