import { useId, useMemo, useState, type KeyboardEvent } from "react";
import type { Bot } from "../api/types.js";
import { mentionBeingTyped, mentionOptions } from "./leading-mention.js";

/**
 * The `@` autocomplete of the composer: open while a leading mention is being typed, with the
 * bots it may mean; arrows move, Enter or Tab picks, Esc closes until the text changes.
 */
export function useMentionPicker({
  text,
  caret,
  bots,
  onPick,
}: {
  text: string;
  caret: number;
  bots: readonly Bot[] | undefined;
  /** Called with the text after picking (`@handle ` and the rest) and where the caret goes. */
  onPick: (text: string, caret: number) => void;
}) {
  const listboxId = useId();
  const [active, setActive] = useState(0);
  const [dismissedFor, setDismissedFor] = useState<string | null>(null);
  const typed = mentionBeingTyped(text, caret);
  const options = useMemo(
    () => (typed === null || !bots ? [] : mentionOptions(bots, typed)),
    [bots, typed],
  );
  const open = options.length > 0 && dismissedFor !== text;
  const current = Math.min(active, options.length - 1);

  const pick = (bot: Bot) => {
    const rest = text.slice(caret).replace(/^[A-Za-z0-9._-]*\s*/, "");
    const mention = `@${bot.handle} `;
    setActive(0);
    onPick(mention + rest, mention.length);
  };

  /** Handles the keys the open picker owns; true when the event was one of them. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open) return false;
    const move = (by: number) => setActive((current + by + options.length) % options.length);
    if (event.key === "ArrowDown") move(1);
    else if (event.key === "ArrowUp") move(-1);
    else if ((event.key === "Enter" && !event.shiftKey) || event.key === "Tab")
      pick(options[current]!);
    else if (event.key === "Escape") setDismissedFor(text);
    else return false;
    event.preventDefault();
    return true;
  };

  const optionId = (index: number) => `${listboxId}-${index}`;
  return {
    open,
    options,
    active: current,
    listboxId,
    optionId,
    pick,
    onKeyDown,
    /** What the textarea carries to be an accessible combobox. */
    comboboxProps: {
      role: "combobox",
      "aria-autocomplete": "list",
      "aria-expanded": open,
      "aria-controls": listboxId,
      ...(open ? { "aria-activedescendant": optionId(current) } : {}),
    } as const,
  };
}

/** What the mention picker hook returns. */
export type MentionPicker = ReturnType<typeof useMentionPicker>;
