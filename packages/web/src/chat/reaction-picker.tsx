import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ReactIcon } from "./icons.js";

const REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/** A small menu of reactions to a reply; the chosen one shows on the button. */
export function ReactionPicker({
  reaction,
  onReact,
}: {
  reaction: string | null;
  onReact: (reaction: string) => void;
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        aria-label={reaction ? `Reaction: ${reaction}. Change it` : "Add a reaction"}
        className="inline-flex h-8 min-w-8 items-center justify-center rounded-lg px-1.5 text-sm text-muted hover:bg-sunken"
      >
        {reaction ?? <ReactIcon />}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          sideOffset={4}
          className="z-50 flex gap-0.5 rounded-xl border border-line bg-raised p-1 shadow-lg"
        >
          {REACTIONS.map((option) => (
            <DropdownMenu.Item
              key={option}
              aria-label={`React with ${option}`}
              onSelect={() => onReact(option)}
              className="cursor-pointer rounded-lg px-2 py-1 text-lg outline-none data-highlighted:bg-sunken"
            >
              {option}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
