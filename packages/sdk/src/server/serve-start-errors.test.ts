import { createServer, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { defineBot } from "../bot/define-bot.js";
import { ServeError } from "../errors.js";
import { serve, type RunningServer } from "./serve.js";

const bot = defineBot({
  async *onQuery() {
    yield "hi";
  },
});
const KEY = "k".repeat(32);

const servers: (RunningServer | Server)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const server of servers.splice(0)) {
    if (server instanceof Server) await new Promise((resolve) => server.close(resolve));
    else await server.close();
  }
});

/** Runs `serve` as a bot's main module would, catching the exit it makes instead of exiting. */
async function exitOf(env: Record<string, string>) {
  const printed = vi.spyOn(console, "error").mockImplementation(() => {});
  const exit = vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`exit ${String(code)}`);
  });
  await expect(serve(bot, { env })).rejects.toThrow("exit 1");
  expect(exit).toHaveBeenCalledWith(1);
  expect(printed).toHaveBeenCalledTimes(1);
  const [line] = printed.mock.calls[0]! as [string];
  // One line, no stack trace.
  expect(line).not.toContain("\n");
  return line;
}

describe("serve, when it cannot start", () => {
  it("says in one line that the key is missing and how to make one, then exits 1", async () => {
    const line = await exitOf({});
    expect(line).toMatch(/^No access key for the bot on \/: set POE_ACCESS_KEY/);
    expect(line).toContain(
      `node -e "import('@parlor/sdk').then(({ generateAccessKey }) => console.log(generateAccessKey()))"`,
    );
    expect(line).toContain("allowWithoutKey: true");
  });

  it("says how long the key is and must be, without printing it", async () => {
    const line = await exitOf({ POE_ACCESS_KEY: "secret-but-short" });
    expect(line).toMatch(/has 16 characters; it must have exactly 32/);
    expect(line).not.toContain("secret-but-short");
  });

  it("names a PORT that is not a port", async () => {
    expect(await exitOf({ POE_ACCESS_KEY: KEY, PORT: "eighty" })).toBe(
      'PORT is "eighty"; it must be a whole number from 0 to 65535.',
    );
  });

  it("rejects with a ServeError for a port in use when asked not to exit", async () => {
    const taken = createServer();
    servers.push(taken);
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    const failure = serve(bot, {
      port,
      host: "127.0.0.1",
      env: { POE_ACCESS_KEY: KEY },
      exitOnError: false,
    });
    await expect(failure).rejects.toBeInstanceOf(ServeError);
    await expect(failure).rejects.toThrow(`Port ${port} is in use by another program`);
  });
});

describe("serve's port", () => {
  /** The port serve asks for; it is then given a free one, so the test needs no fixed port. */
  async function requestedPort(env: Record<string, string>) {
    let requested: unknown;
    const listen = vi.spyOn(Server.prototype, "listen");
    listen.mockImplementation(function (this: Server, ...args: unknown[]) {
      requested = args[0];
      listen.mockRestore(); // the real listen, on a free port
      return this.listen(0, ...(args.slice(1) as [string, () => void]));
    });
    servers.push(await serve(bot, { host: "127.0.0.1", env: { POE_ACCESS_KEY: KEY, ...env } }));
    return requested;
  }

  it("is 8000 by default, clear of the platform's 8080", async () => {
    expect(await requestedPort({})).toBe(8000);
  });

  it("is PORT when set", async () => {
    expect(await requestedPort({ PORT: "9123" })).toBe(9123);
  });
});
