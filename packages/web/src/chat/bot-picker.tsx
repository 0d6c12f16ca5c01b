import { Link } from "@tanstack/react-router";
import { describeError } from "../api/api-error.js";
import { useBots } from "../api/bots-list.js";
import { BotAvatar } from "../ui/bot-avatar.js";
import { Spinner } from "../ui/spinner.js";

/** The new-chat page without a bot: every bot one may talk to, to pick one. */
export function BotPicker() {
  const bots = useBots();
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto flex max-w-3xl flex-col gap-4 px-4 py-8">
        <h1 className="text-xl font-semibold">Who do you want to talk to?</h1>
        {bots.isPending && <Spinner label="Loading bots" />}
        {bots.error && (
          <p role="alert" className="text-sm text-danger">
            {describeError(bots.error)}
          </p>
        )}
        <ul aria-label="Bots" className="grid gap-2 sm:grid-cols-2">
          {bots.data?.map((bot) => (
            <li key={bot.id}>
              <Link
                to="/"
                search={{ bot: bot.handle }}
                className="flex h-full items-start gap-3 rounded-xl border border-line bg-raised p-3 hover:border-accent"
              >
                <BotAvatar bot={bot} size={40} />
                <span className="min-w-0">
                  <span className="block truncate font-medium">{bot.display_name}</span>
                  <span className="line-clamp-2 text-sm text-muted">{bot.description}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
