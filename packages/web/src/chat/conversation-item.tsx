import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../api/api-error.js";
import {
  conversationKey,
  deleteConversation,
  refreshConversationList,
  renameConversation,
} from "../api/conversations.js";
import type { Conversation } from "../api/types.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { Button } from "../ui/button.js";
import { Dialog } from "../ui/dialog.js";
import { TextField } from "../ui/text-field.js";
import { forgetConversation } from "./live-replies.js";

const menuItem =
  "cursor-pointer rounded-md px-2.5 py-1.5 text-sm outline-none data-highlighted:bg-sunken";

/** One conversation in the sidebar, with a menu to rename or delete it. */
export function ConversationItem({ conversation }: { conversation: Conversation }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const { conversationId } = useParams({ strict: false });
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const active = conversationId === conversation.id;

  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    try {
      await action();
      setDialog(null);
      void refreshConversationList(client);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  const rename = () =>
    run(async () => {
      await renameConversation(conversation.id, title.trim());
      void client.invalidateQueries({ queryKey: conversationKey(conversation.id) });
    });
  const remove = () =>
    run(async () => {
      forgetConversation(client, conversation.id);
      await deleteConversation(conversation.id);
      client.removeQueries({ queryKey: conversationKey(conversation.id) });
      if (active) await navigate({ to: "/", search: { bot: undefined } });
    });

  return (
    <li className="group relative">
      <Link
        to="/c/$conversationId"
        params={{ conversationId: conversation.id }}
        aria-current={active ? "page" : undefined}
        className={`flex items-center gap-2 rounded-lg py-2 pr-9 pl-2 text-sm hover:bg-sunken ${
          active ? "bg-sunken font-medium" : ""
        }`}
      >
        {conversation.bot && <BotAvatar bot={conversation.bot} size={20} />}
        <span className="truncate">{conversation.title}</span>
      </Link>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          aria-label={`Actions for ${conversation.title}`}
          className="absolute top-1/2 right-1 -translate-y-1/2 rounded-md px-2 py-1 text-muted opacity-100 hover:bg-raised hover:text-ink md:opacity-0 md:group-hover:opacity-100 md:focus-visible:opacity-100 md:data-[state=open]:opacity-100"
        >
          <span aria-hidden="true">⋯</span>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="end"
            className="z-50 min-w-36 rounded-xl border border-line bg-raised p-1 shadow-lg"
          >
            <DropdownMenu.Item
              className={menuItem}
              onSelect={() => {
                setTitle(conversation.title);
                setError(null);
                setDialog("rename");
              }}
            >
              Rename
            </DropdownMenu.Item>
            <DropdownMenu.Item
              className={`${menuItem} text-danger`}
              onSelect={() => {
                setError(null);
                setDialog("delete");
              }}
            >
              Delete
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog
        open={dialog === "rename"}
        onOpenChange={(open) => !open && setDialog(null)}
        title="Rename conversation"
      >
        <form
          className="flex flex-col gap-4"
          onSubmit={(event) => {
            event.preventDefault();
            if (title.trim()) void rename();
          }}
        >
          <TextField
            label="Title"
            value={title}
            maxLength={200}
            autoFocus
            onChange={(event) => setTitle(event.target.value)}
            error={error ?? undefined}
          />
          <div className="flex justify-end gap-2">
            <Button variant="ghost" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={!title.trim()}>
              Save
            </Button>
          </div>
        </form>
      </Dialog>
      <Dialog
        open={dialog === "delete"}
        onOpenChange={(open) => !open && setDialog(null)}
        title="Delete this conversation?"
        description={`“${conversation.title}” and all its messages will be gone for good.`}
      >
        {error && (
          <p role="alert" className="mb-3 text-sm text-danger">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => setDialog(null)}>
            Cancel
          </Button>
          <Button variant="danger" onClick={() => void remove()}>
            Delete
          </Button>
        </div>
      </Dialog>
    </li>
  );
}
