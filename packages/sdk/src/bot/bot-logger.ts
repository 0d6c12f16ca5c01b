/**
 * Where the SDK tells a bot's owner what went wrong inside the bot: an exception thrown by the
 * query handler (with its stack), invalid settings, a protocol mistake the platform reported.
 * The chat user only ever sees a generic message, so this is the one place the details show.
 * Any `console.error`-shaped function fits, e.g. `(message, error) => log.error({ err: error }, message)`.
 */
export type BotLogger = (message: string, error?: unknown) => void;

/** The default, like fastapi_poe's `logger.exception`: to stderr, with the error's stack. */
export const defaultBotLogger: BotLogger = (message, error) => {
  if (error === undefined) console.error(message);
  else console.error(message, error);
};
