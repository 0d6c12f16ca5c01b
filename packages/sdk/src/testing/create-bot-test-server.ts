import { createIdentifier } from "@parlor/protocol";
import { resolveBots, type BotLike } from "../bot/resolve-bots.js";
import { serve } from "../server/serve.js";

/** A bot server on a free local port, for tests that need real HTTP. */
export interface BotTestServer {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The access key requests must carry (generated unless the bot has its own). */
  accessKey: string;
  close(): Promise<void>;
}

/**
 * Starts bots on 127.0.0.1 with a fresh 32-character access key (unless a bot brings its own).
 * The platform's own tests use it to stand up real server bots.
 */
export async function createBotTestServer(
  bots: BotLike | readonly BotLike[],
  options: { keepAliveMs?: number } = {},
): Promise<BotTestServer> {
  const accessKey = createIdentifier("m").slice(2);
  const keyed = resolveBots(bots).map((bot) => ({ ...bot, accessKey: bot.accessKey ?? accessKey }));
  const running = await serve(keyed, {
    port: 0,
    host: "127.0.0.1",
    env: {},
    exitOnError: false,
    ...options,
  });
  return { url: running.url, accessKey, close: () => running.close() };
}
