import { useState } from "react";
import type { Message } from "../api/types.js";
import { Button } from "../ui/button.js";
import { CopyButton } from "../ui/copy-button.js";
import { AttachmentChips } from "./attachment-chips.js";
import { BranchPager } from "./branch-pager.js";
import { EditIcon } from "./icons.js";

/** A message the user sent, on the right; it can be edited and sent again as a new branch. */
export function UserMessage({
  message,
  siblings,
  onSelectSibling,
  busy,
  onResend,
}: {
  message: Message;
  siblings: string[];
  onSelectSibling: (id: string) => void;
  busy: boolean;
  onResend: (message: Message, content: string) => Promise<boolean>;
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(message.content);
  if (editing) {
    const save = async () => {
      if (text.trim() === "" || busy) return;
      if (await onResend(message, text)) setEditing(false);
    };
    return (
      <div className="ml-auto flex w-full max-w-[85%] flex-col gap-2">
        <textarea
          aria-label="Edit your message"
          autoFocus
          rows={3}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void save();
            } else if (event.key === "Escape") setEditing(false);
          }}
          className="w-full rounded-2xl border border-accent bg-raised px-3 py-2 text-sm text-ink"
        />
        <div className="flex justify-end gap-2">
          <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
            Cancel
          </Button>
          <Button
            size="sm"
            variant="primary"
            disabled={busy || text.trim() === ""}
            onClick={() => void save()}
          >
            Send
          </Button>
        </div>
      </div>
    );
  }
  return (
    <article
      aria-label="You said"
      className="group ml-auto flex max-w-[85%] flex-col items-end gap-1"
    >
      <div className="rounded-2xl rounded-br-md bg-bubble px-3.5 py-2 text-sm break-words whitespace-pre-wrap">
        {message.content}
      </div>
      <AttachmentChips attachments={message.attachments} />
      <div className="flex items-center gap-0.5 md:opacity-0 md:group-focus-within:opacity-100 md:group-hover:opacity-100">
        <BranchPager
          siblings={siblings}
          current={message.id}
          what="message"
          onSelect={onSelectSibling}
        />
        <CopyButton text={message.content} label="Copy" />
        <Button
          size="sm"
          variant="ghost"
          aria-label="Edit"
          disabled={busy}
          onClick={() => {
            setText(message.content);
            setEditing(true);
          }}
        >
          <EditIcon />
        </Button>
      </div>
    </article>
  );
}
