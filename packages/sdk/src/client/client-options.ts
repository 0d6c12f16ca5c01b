/** Where Poe serves the bot query, settings and cost APIs. */
export const DEFAULT_BOT_BASE_URL = "https://api.poe.com/bot/";

/** Where Poe accepts file uploads from bots. */
export const DEFAULT_UPLOAD_BASE_URL = "https://www.quora.com/poe_api/";

/**
 * Called when something went wrong that does not end the call: a protocol mistake of the called
 * bot (also reported back to it) or a failed try that will be retried.
 */
export type ErrorHandler = (error: Error, message: string) => void;

/** Options every client function takes. */
export interface ClientOptions {
  /** The platform API's base URL, ending in `/`. */
  baseUrl?: string;
  /** The `fetch` to use; the platform and tests inject their own. Defaults to the global one. */
  fetch?: typeof fetch;
  /** Cancels the request; an aborted call is never retried. */
  signal?: AbortSignal;
}

/** Logs like fastapi_poe's default handler, so problems are visible without any setup. */
export const defaultErrorHandler: ErrorHandler = (error, message) => {
  console.error("Error in Poe bot:", message, "\n", error);
};
