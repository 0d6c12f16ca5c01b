import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useDeferredValue, useState } from "react";
import { setBotHidden, useAdminBots, type AdminBot } from "../api/admin.js";
import { describeError } from "../api/api-error.js";
import { botKeys, deleteBot } from "../api/bots.js";
import { Badge } from "../ui/badge.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { Button } from "../ui/button.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Spinner } from "../ui/spinner.js";
import { useToast } from "../ui/toast.js";
import { SearchField } from "./search-field.js";

/** Every bot: search, see owner and visibility, hide from Explore, delete. */
export function BotsTab() {
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const bots = useAdminBots(query);
  const client = useQueryClient();
  const toast = useToast();
  const [deleting, setDeleting] = useState<AdminBot>();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ["admin", "bots"] });
    await client.invalidateQueries({ queryKey: botKeys.all });
  };
  const toggleHidden = (bot: AdminBot) =>
    void setBotHidden(bot.handle, !bot.hidden)
      .then(refresh)
      .then(() =>
        toast(bot.hidden ? `@${bot.handle} is shown again.` : `@${bot.handle} is hidden.`),
      )
      .catch((error: unknown) => toast(describeError(error), "error"));
  const list = bots.data?.pages.flatMap((page) => page.bots) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <SearchField
        label="Search bots"
        value={search}
        placeholder="Handle or name"
        onChange={setSearch}
      />
      {bots.isPending && <Spinner label="Loading bots" />}
      {bots.isError && <ErrorNotice error={bots.error} />}
      {bots.isSuccess && list.length === 0 && <EmptyState title="No bot matches" />}
      {list.length > 0 && (
        <ul
          aria-label="Bots"
          className="flex flex-col divide-y divide-line rounded-xl border border-line bg-raised"
        >
          {list.map((bot) => (
            <li
              key={bot.id}
              className="flex flex-wrap items-center justify-between gap-2 px-3 py-2.5"
            >
              <div className="flex min-w-0 items-center gap-3">
                <BotAvatar bot={bot} size={32} />
                <div className="flex min-w-0 flex-col gap-0.5">
                  <span className="flex flex-wrap items-center gap-2">
                    <Link
                      to="/bots/$handle"
                      params={{ handle: bot.handle }}
                      className="font-medium underline"
                    >
                      {bot.display_name}
                    </Link>
                    <Badge>{bot.visibility}</Badge>
                    {bot.hidden && <Badge tone="danger">Hidden</Badge>}
                  </span>
                  <span className="text-xs break-all text-muted">
                    @{bot.handle} · {bot.owner_email ?? "built in"}
                  </span>
                </div>
              </div>
              <div className="flex flex-wrap gap-2">
                <Button
                  size="sm"
                  aria-label={`${bot.hidden ? "Unhide" : "Hide"} @${bot.handle}`}
                  onClick={() => toggleHidden(bot)}
                >
                  {bot.hidden ? "Unhide" : "Hide"}
                </Button>
                <Button
                  size="sm"
                  aria-label={`Delete @${bot.handle}`}
                  onClick={() => setDeleting(bot)}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {bots.hasNextPage && (
        <div>
          <Button disabled={bots.isFetchingNextPage} onClick={() => void bots.fetchNextPage()}>
            {bots.isFetchingNextPage ? "Loading…" : "Load more bots"}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={deleting !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={`Delete @${deleting?.handle ?? ""}?`}
        description="This deletes the bot, every conversation anyone had with it and its call log. It cannot be undone."
        confirmLabel="Delete bot"
        onConfirm={async () => {
          await deleteBot(deleting!.handle);
          await refresh();
          toast(`@${deleting!.handle} was deleted.`);
        }}
      />
    </div>
  );
}
