import { Link } from "@tanstack/react-router";
import { useDeferredValue, useState } from "react";
import { useBots } from "../api/bots.js";
import type { Bot } from "../api/types.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { BotKindBadge } from "../ui/bot-kind-badge.js";
import { EmptyState, ErrorNotice } from "../ui/notice.js";
import { Page } from "../ui/page.js";
import { Spinner } from "../ui/spinner.js";

const createLink =
  "inline-flex h-10 items-center rounded-lg bg-accent px-4 text-sm font-medium text-accent-ink hover:opacity-90";

/** `/explore`: every bot this user may use, searchable by name, each leading to its page. */
export function ExplorePage() {
  const bots = useBots();
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim().toLowerCase());
  const shown = (bots.data ?? []).filter((bot) => matches(bot, query));
  return (
    <Page
      title="Explore bots"
      lead="Bots you can chat with: the public ones and your own."
      width="wide"
      actions={
        <Link to="/bots/new" className={createLink}>
          Create a bot
        </Link>
      }
    >
      <div className="flex flex-col gap-1.5">
        <label htmlFor="bot-search" className="text-sm font-medium">
          Search bots
        </label>
        <input
          id="bot-search"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Name or handle"
          className="h-10 rounded-lg border border-line bg-raised px-3 text-sm text-ink placeholder:text-muted focus:border-accent sm:max-w-sm"
        />
      </div>
      {bots.isPending && <Spinner label="Loading bots" />}
      {bots.isError && <ErrorNotice error={bots.error} />}
      {bots.isSuccess && shown.length === 0 && (
        <EmptyState title={query ? `No bot matches “${search.trim()}”` : "No bots yet"}>
          {query ? (
            "Try another name, or make the bot you are looking for."
          ) : (
            <Link to="/bots/new" className="font-medium text-accent underline">
              Create the first one
            </Link>
          )}
        </EmptyState>
      )}
      {shown.length > 0 && (
        <ul aria-label="Bots" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {shown.map((bot) => (
            <li key={bot.id}>
              <BotCard bot={bot} />
            </li>
          ))}
        </ul>
      )}
      <aside className="flex flex-col items-start gap-3 rounded-2xl bg-accent-soft p-5 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h2 className="font-semibold">Have a bot of your own?</h2>
          <p className="text-sm text-muted">
            Connect any server that speaks the Poe protocol and share it here.
          </p>
        </div>
        <Link to="/bots/new" className={createLink}>
          Create a bot
        </Link>
      </aside>
    </Page>
  );
}

function BotCard({ bot }: { bot: Bot }) {
  return (
    <Link
      to="/bots/$handle"
      params={{ handle: bot.handle }}
      className="flex h-full gap-3 rounded-2xl border border-line bg-raised p-4 hover:border-accent"
    >
      <BotAvatar bot={bot} size={44} />
      <span className="flex min-w-0 flex-1 flex-col gap-1">
        <span className="flex items-center justify-between gap-2">
          <span className="truncate font-medium">{bot.display_name}</span>
          <BotKindBadge kind={bot.kind} vendor={bot.model?.vendor} />
        </span>
        <span className="truncate text-xs text-muted">
          @{bot.handle}
          {bot.prompt?.base_bot && <> · Runs on {bot.prompt.base_bot.display_name}</>}
        </span>
        {bot.description && (
          <span className="line-clamp-2 text-sm text-muted">{bot.description}</span>
        )}
      </span>
    </Link>
  );
}

function matches(bot: Bot, query: string): boolean {
  if (!query) return true;
  return bot.display_name.toLowerCase().includes(query) || bot.handle.includes(query);
}
