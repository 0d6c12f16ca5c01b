import { Link, useParams } from "@tanstack/react-router";
import { useMe } from "../api/auth.js";
import { useBot } from "../api/bots.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { BotKindBadge } from "../ui/bot-kind-badge.js";
import { Badge } from "../ui/badge.js";
import { ErrorNotice } from "../ui/notice.js";
import { Page } from "../ui/page.js";
import { Spinner } from "../ui/spinner.js";

const secondaryLink =
  "inline-flex h-10 items-center rounded-lg border border-line bg-raised px-4 text-sm font-medium hover:bg-sunken";

/** `/bots/:handle`: what a bot is, who may change it, and the way into a chat with it. */
export function BotPage() {
  const { handle } = useParams({ from: "/app/bots/$handle" });
  const bot = useBot(handle);
  const { data: user } = useMe();
  if (bot.isPending) {
    return (
      <div className="p-6">
        <Spinner label="Loading the bot" />
      </div>
    );
  }
  if (bot.isError) {
    return (
      <Page title="Bot not available">
        <ErrorNotice error={bot.error} />
        <Link to="/explore" className="text-sm font-medium text-accent underline">
          Explore other bots
        </Link>
      </Page>
    );
  }
  const data = bot.data;
  const canEdit = user && (user.id === data.owner_id || user.role === "admin");
  const greeting = data.greeting ?? data.settings.introduction_message;
  return (
    <Page title={data.display_name}>
      <div className="-mt-4 flex flex-col gap-5">
        <div className="flex items-center gap-4">
          <BotAvatar bot={data} size={72} />
          <div className="flex min-w-0 flex-col gap-1.5">
            <p className="text-sm text-muted">
              @{data.handle}
              {data.prompt?.base_bot && (
                <>
                  {" "}
                  · Runs on{" "}
                  <Link
                    to="/bots/$handle"
                    params={{ handle: data.prompt.base_bot.handle }}
                    className="text-accent underline"
                  >
                    {data.prompt.base_bot.display_name}
                  </Link>
                </>
              )}
            </p>
            <div className="flex flex-wrap gap-1.5">
              <BotKindBadge kind={data.kind} vendor={data.model?.vendor} />
              {data.visibility !== "public" && <Badge>{capitalized(data.visibility)}</Badge>}
              {data.hidden && <Badge tone="danger">Hidden by an admin</Badge>}
            </div>
          </div>
        </div>
        {data.description && <p className="whitespace-pre-wrap">{data.description}</p>}
        <div className="flex flex-wrap gap-2">
          <Link
            to="/"
            search={{ bot: data.handle }}
            className="inline-flex h-10 items-center rounded-lg bg-accent px-4 text-sm font-medium text-accent-ink hover:opacity-90"
          >
            Start chat
          </Link>
          {canEdit && (
            <>
              <Link
                to="/bots/$handle/edit"
                params={{ handle: data.handle }}
                className={secondaryLink}
              >
                Edit
              </Link>
              {data.kind === "server" && (
                <Link
                  to="/bots/$handle/calls"
                  params={{ handle: data.handle }}
                  className={secondaryLink}
                >
                  Call log
                </Link>
              )}
            </>
          )}
        </div>
        {greeting && (
          <section aria-labelledby="introduction" className="rounded-2xl bg-surface p-4">
            <h2 id="introduction" className="mb-1 text-sm font-semibold text-muted">
              Introduction
            </h2>
            <p className="whitespace-pre-wrap">{greeting}</p>
          </section>
        )}
      </div>
    </Page>
  );
}

const capitalized = (text: string) => text.slice(0, 1).toUpperCase() + text.slice(1);
