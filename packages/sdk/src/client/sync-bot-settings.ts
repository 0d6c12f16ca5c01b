import { PROTOCOL_VERSION, type SettingsResponse } from "@parlor/protocol";
import { BotError } from "../errors.js";
import { DEFAULT_BOT_BASE_URL, type ClientOptions } from "./client-options.js";
import { timeoutSignal } from "./timeout-signal.js";

/** Options of `syncBotSettings`. */
export interface SyncBotSettingsOptions extends ClientOptions {
  /** Settings to push, as the `settings` reply's JSON; without them the platform pulls them. */
  settings?: SettingsResponse | Record<string, unknown>;
  /** Gives up after this long; defaults to 30 s. */
  timeoutMs?: number;
}

/**
 * Tells the platform about a bot's settings: pushes them (`update_settings`) when given, else
 * asks the platform to fetch them from the bot (`fetch_settings`). Throws `BotError` when the
 * platform refuses or cannot be reached.
 */
export async function syncBotSettings(
  botName: string,
  accessKey: string,
  options: SyncBotSettingsOptions = {},
): Promise<void> {
  const action = options.settings ? "update_settings" : "fetch_settings";
  const path = [action, botName, accessKey, PROTOCOL_VERSION].map(encodeURIComponent).join("/");
  const init: RequestInit = {
    method: "POST",
    signal: timeoutSignal(options.timeoutMs ?? 30_000, options.signal),
  };
  if (options.settings) {
    init.headers = { "Content-Type": "application/json" };
    init.body = JSON.stringify(options.settings);
  }
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? globalThis.fetch)(
      `${options.baseUrl ?? DEFAULT_BOT_BASE_URL}${path}`,
      init,
    );
    text = await response.text();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new BotError(`Error syncing settings for bot ${botName}`, { cause: error });
  }
  if (!response.ok) {
    throw new BotError(`Error syncing settings for bot ${botName}: ${response.status} ${text}`);
  }
}
