import { BotAvatar } from "../ui/bot-avatar.js";
import type { MentionPicker as Picker } from "./use-mention-picker.js";

/** The list of bots an `@` may mean, above the composer; picked by keyboard or pointer. */
export function MentionPicker({ picker }: { picker: Picker }) {
  if (!picker.open) return null;
  return (
    <ul
      id={picker.listboxId}
      role="listbox"
      aria-label="Bots to mention"
      className="absolute bottom-full left-0 z-20 mb-2 max-h-72 w-72 overflow-y-auto rounded-xl border border-line bg-raised p-1 shadow-lg"
    >
      {picker.options.map((bot, index) => (
        <li
          key={bot.id}
          id={picker.optionId(index)}
          role="option"
          aria-selected={index === picker.active}
          // Keeps the focus in the textarea, so typing goes on after a click.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => picker.pick(bot)}
          className="flex cursor-pointer items-center gap-2 rounded-lg px-2 py-1.5 text-sm text-ink aria-selected:bg-accent-soft"
        >
          <BotAvatar bot={bot} size={24} />
          <span className="min-w-0 flex-1 truncate">{bot.display_name}</span>
          <span className="shrink-0 text-xs text-muted">@{bot.handle}</span>
        </li>
      ))}
    </ul>
  );
}
