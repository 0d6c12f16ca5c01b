import { useMutation } from "@tanstack/react-query";
import { testConnection, testSavedBotConnection } from "../api/bots.js";
import { Button } from "../ui/button.js";
import { formatDuration } from "../ui/format.js";
import { ErrorNotice } from "../ui/notice.js";

const kindWords: Record<string, string> = {
  dns: "The bot's host name does not resolve.",
  refused: "Nothing is listening at that address.",
  tls: "The bot's HTTPS certificate was refused.",
  unauthorized: "The bot refused the access key.",
  timeout: "The bot did not answer in time.",
  http: "The bot answered with an HTTP error.",
  malformed: "The bot answered, but not with valid settings.",
  blocked: "The platform's outbound rules do not allow that address.",
};

/**
 * Sends the bot a settings request and says what happened: how long it took, or the exact
 * error. With `handle` and the saved URL, the platform uses the bot's stored access key.
 */
export function ConnectionTest({
  url,
  accessKey,
  handle,
}: {
  url: string;
  accessKey?: string;
  /** Set when `url` is the bot's saved address, so the saved bot is tested. */
  handle?: string;
}) {
  // A mutation holds what one press of the button did: busy, the result, or the failure.
  const test = useMutation({
    mutationFn: () =>
      handle ? testSavedBotConnection(handle) : testConnection({ url, access_key: accessKey }),
  });
  const result = test.data;
  const failure = test.error ?? undefined;
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button disabled={test.isPending || !url.trim()} onClick={() => test.mutate()}>
          {test.isPending ? "Testing…" : "Test connection"}
        </Button>
      </div>
      <div aria-live="polite">
        {result?.ok === true && (
          <p className="rounded-lg bg-sunken px-3 py-2 text-sm">
            <span className="font-medium text-success">Connected.</span> The bot answered its
            settings in {formatDuration(result.duration_ms)} (HTTP {result.http_status}).
          </p>
        )}
        {result?.ok === false && (
          <div role="alert" className="rounded-lg bg-danger-soft px-3 py-2 text-sm text-danger">
            <p className="font-medium">{kindWords[result.error.kind] ?? "The test failed."}</p>
            <p>{result.error.message}</p>
            <p className="text-xs">
              After {formatDuration(result.duration_ms)}
              {result.http_status !== null && `, HTTP ${result.http_status}`}.
            </p>
          </div>
        )}
        {failure !== undefined && <ErrorNotice error={failure} />}
      </div>
    </div>
  );
}
