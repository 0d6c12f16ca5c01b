import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext } from "playwright-core";
import {
  loadConfig,
  startServer,
  type PlatformOverrides,
  type RunningPlatform,
} from "@parlor/server";

const WEB_DIST = fileURLToPath(new URL("../../dist", import.meta.url));
const SCRIPTED_BOT = fileURLToPath(new URL("../bots/scripted-bot.mjs", import.meta.url));

/** A user of the platform under test, signed in through the API. */
export interface E2eUser {
  email: string;
  password: string;
  /** The session cookie's value. */
  session: string;
  /** Calls the platform's API with this user's cookie. */
  api<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The real platform serving the built web app, on a fresh SQLite folder and a free port. */
export interface E2ePlatform {
  url: string;
  running: RunningPlatform;
  /** Signs up (the first account is the admin) and logs in. */
  createUser(email: string, password?: string): Promise<E2eUser>;
  /** A browser context that is signed in as `user`. */
  contextFor(browser: Browser, user: E2eUser, options?: ContextOptions): Promise<BrowserContext>;
  /** Starts the scripted SDK bot as its own process and registers it as `handle` for `owner`. */
  startScriptedBot(owner: E2eUser, handle: string, env?: Record<string, string>): Promise<string>;
  dispose(): Promise<void>;
}

type ContextOptions = Parameters<Browser["newContext"]>[0];

/**
 * Starts the platform for a browser test; the web app must be built (`npm test` builds it).
 * `overrides` are the platform's test hooks (its reply limits, say).
 */
export async function startE2ePlatform(
  env: Record<string, string> = {},
  overrides: PlatformOverrides = {},
): Promise<E2ePlatform> {
  if (!existsSync(join(WEB_DIST, "index.html"))) {
    throw new Error("The web app is not built: run `npm run build` before the browser tests");
  }
  const dataDir = mkdtempSync(join(tmpdir(), "parlor-e2e-"));
  const running = await startServer(
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      PARLOR_DATA_DIR: dataDir,
      PARLOR_SECRET: "e2e-secret-e2e-secret-e2e-secret-012345",
      PARLOR_WEB_DIR: WEB_DIST,
      PARLOR_ALLOW_LOOPBACK_BOTS: "true",
      LOG_LEVEL: "silent",
      // The tests sign many accounts up from one address.
      PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR: "10000",
      // No browser test may find a real Ollama on this machine.
      OLLAMA_HOST: "off",
      ...env,
    }),
    overrides,
  );
  const url = running.url;
  const bots: ChildProcess[] = [];

  const createUser = async (email: string, password = "a long test password"): Promise<E2eUser> => {
    const post = (path: string) =>
      fetch(`${url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
    await post("/api/auth/signup");
    const login = await post("/api/auth/login");
    if (!login.ok) throw new Error(`login of ${email} failed: ${login.status}`);
    const session = /parlor_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")![1]!;
    return {
      email,
      password,
      session,
      async api(method, path, body) {
        const response = await fetch(`${url}${path}`, {
          method,
          headers: {
            cookie: `parlor_session=${session}`,
            ...(body === undefined ? {} : { "content-type": "application/json" }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok)
          throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
        return (await response.json()) as never;
      },
    };
  };

  return {
    url,
    running,
    createUser,
    async contextFor(browser, user, options) {
      const context = await browser.newContext({ baseURL: url, ...options });
      await context.addCookies([
        { name: "parlor_session", value: user.session, url, httpOnly: true, sameSite: "Lax" },
      ]);
      return context;
    },
    async startScriptedBot(owner, handle, extraEnv = {}) {
      const accessKey = `k${handle}`.padEnd(32, "x").slice(0, 32);
      const child = spawn(process.execPath, [SCRIPTED_BOT], {
        env: { ...process.env, POE_ACCESS_KEY: accessKey, PARLOR_URL: url, ...extraEnv },
        stdio: ["ignore", "pipe", "inherit"],
      });
      bots.push(child);
      const botUrl = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const match = /listening on (\S+)/.exec(chunk.toString());
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`the scripted bot exited with ${code}`)));
      });
      await owner.api("POST", "/api/bots", {
        handle,
        server_url: botUrl,
        access_key: accessKey,
        display_name: `Scripted ${handle}`,
        description: "A scripted bot for the browser tests.",
      });
      return botUrl;
    },
    async dispose() {
      for (const child of bots) child.kill("SIGTERM");
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
