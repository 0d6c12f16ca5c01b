/**
 * What a bot's `error` event told its owner (`raw_response`, e.g. the exception an SDK bot
 * threw). Chat users only see the error's text; the call log is the one place this shows.
 */
export function BotErrorDetails({ rawResponse }: { rawResponse: string }) {
  return (
    <div className="flex flex-col gap-1.5">
      <h3 className="text-sm font-semibold">The bot's error details</h3>
      <p className="text-xs text-muted">
        Sent by the bot as <code>raw_response</code>; only you see this, users see the text above.
      </p>
      <pre
        tabIndex={0}
        aria-label="The bot's error details"
        className="max-h-60 overflow-auto rounded-lg bg-sunken p-3 font-mono text-xs whitespace-pre-wrap"
      >
        {rawResponse}
      </pre>
    </div>
  );
}
