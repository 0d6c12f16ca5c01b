import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ACCESS_KEY_LENGTH } from "@parlor/protocol";
import type { Bot } from "../bot/define-bot.js";
import { resolveBots, type BotLike } from "../bot/resolve-bots.js";
import { syncBotSettings } from "../client/sync-bot-settings.js";
import { ServeError } from "../errors.js";
import { createNodeListener, type NodeListenerOptions } from "./node-listener.js";

/** Options of {@link serve}. Anything unset is read from the environment, as fastapi_poe does. */
export interface ServeOptions extends NodeListenerOptions {
  /**
   * Port to listen on; default `PORT` from the environment, else 8000 (8080 is the Parlor
   * platform's own). Use 0 for any free port.
   */
  port?: number;
  /** Interface to bind; default `0.0.0.0` (all IPv4 interfaces), as uvicorn in fastapi_poe. */
  host?: string;
  /** The access key for a single bot; default `POE_ACCESS_KEY` from the environment. */
  accessKey?: string;
  /** Serve without an access key (local testing only). Requests still need a Bearer header. */
  allowWithoutKey?: boolean;
  /**
   * Where bots with a `botName` push their settings at start, as fastapi_poe's `make_app` does.
   * Default Poe's `https://api.poe.com/bot/`; point it at Parlor's `/bot/` to sync there.
   */
  settingsBaseUrl?: string;
  /** Where `PORT`, `POE_ACCESS_KEY` and `POE_WEBHOOK_SECRET` are read; default `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * When the server cannot start (no key, a key of the wrong length, a bad `PORT`, the port in
   * use): print the one-line reason to stderr and exit with code 1, as fastapi_poe's `run` does.
   * Default true; false rejects with a {@link ServeError} instead.
   */
  exitOnError?: boolean;
}

/** A server started by {@link serve}. */
export interface RunningServer {
  server: Server;
  /** The base URL, e.g. `http://127.0.0.1:8000`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Gives each bot its access key: the bot's own, or for a single bot the option or
 * `POE_ACCESS_KEY`. Like fastapi_poe, refuses to start without one unless `allowWithoutKey`,
 * and refuses keys that are not exactly 32 characters, the length Poe generates.
 */
function withAccessKeys(bots: readonly Bot[], options: ServeOptions): Bot[] {
  const env = options.env ?? process.env;
  return bots.map((bot) => {
    const single = bots.length === 1;
    const key = bot.accessKey ?? (single ? (options.accessKey ?? env.POE_ACCESS_KEY) : undefined);
    const webhookSecret = bot.webhookSecret ?? (single ? env.POE_WEBHOOK_SECRET : undefined);
    if (key === undefined || key === "") {
      if (options.allowWithoutKey) return { ...bot, webhookSecret };
      const where = single ? "set POE_ACCESS_KEY to the bot's" : "give the bot an accessKey, its";
      throw new ServeError(
        "missing_access_key",
        `No access key for the bot on ${bot.path}: ${where} ${ACCESS_KEY_LENGTH}-character key ` +
          `(Poe and Parlor show it when you create the bot; to make one: ${MAKE_A_KEY}), ` +
          "or pass allowWithoutKey: true to try the bot locally.",
      );
    }
    if (key.length !== ACCESS_KEY_LENGTH) {
      throw new ServeError(
        "invalid_access_key",
        `The access key for the bot on ${bot.path} has ${key.length} characters; it must have ` +
          `exactly ${ACCESS_KEY_LENGTH}: copy the whole key Poe or Parlor shows (to make one: ${MAKE_A_KEY}).`,
      );
    }
    return { ...bot, accessKey: key, webhookSecret };
  });
}

/** The shell command that prints a fresh key, quoted in the errors above. */
const MAKE_A_KEY = `node -e "import('@parlor/sdk').then(({ generateAccessKey }) => console.log(generateAccessKey()))"`;

/** The port from the options or `PORT`; 8000 by default, clear of Parlor's own 8080. */
function portOf(options: ServeOptions, env: Record<string, string | undefined>): number {
  if (options.port !== undefined) return options.port;
  const port = env.PORT ? Number(env.PORT) : 8000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServeError(
      "invalid_port",
      `PORT is ${JSON.stringify(env.PORT)}; it must be a whole number from 0 to 65535.`,
    );
  }
  return port;
}

/**
 * Pushes a named bot's settings to the platform, so changes take effect without a manual sync.
 * Like fastapi_poe, a failure is only logged: the bot still serves.
 */
async function pushSettings(bot: Bot, baseUrl: string | undefined): Promise<void> {
  if (!bot.botName || !bot.accessKey) return;
  try {
    const settings = await bot.getSettings(
      { version: "1.2", type: "settings" },
      { url: bot.path, headers: { get: () => null } },
    );
    await syncBotSettings(bot.botName, bot.accessKey, {
      settings,
      ...(baseUrl ? { baseUrl } : {}),
    });
  } catch (error) {
    console.warn(`Could not sync settings of ${bot.botName}: ${(error as Error).message}`);
  }
}

/**
 * Serves one or more bots over HTTP with `node:http` and resolves once listening.
 *
 * @example
 * await serve(echoBot); // PORT and POE_ACCESS_KEY from the environment
 */
export async function serve(
  bots: BotLike | readonly BotLike[],
  options: ServeOptions = {},
): Promise<RunningServer> {
  try {
    return await start(bots, options);
  } catch (error) {
    // A stack trace says nothing more to someone who forgot a key; one line says what to do.
    if (!(error instanceof ServeError) || options.exitOnError === false) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function start(
  bots: BotLike | readonly BotLike[],
  options: ServeOptions,
): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const list = withAccessKeys(resolveBots(bots), options);
  const port = portOf(options, env);
  const server = createServer({ keepAliveTimeout: 65_000 }, createNodeListener(list, options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new ServeError(
              "port_in_use",
              `Port ${port} is in use by another program: stop it, or set PORT to another port.`,
            )
          : error,
      ),
    );
    server.listen(port, options.host ?? "0.0.0.0", () => resolve());
  });
  await Promise.all(list.map((bot) => pushSettings(bot, options.settingsBaseUrl)));
  const address = server.address() as AddressInfo;
  const host =
    options.host === undefined || options.host === "0.0.0.0" ? "127.0.0.1" : options.host;
  return {
    server,
    port: address.port,
    url: `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
