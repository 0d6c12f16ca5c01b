import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { defineBot, meta, suggestedReply, type QueryRequest } from "@parlor/sdk";
import { createBotTestServer, queryBot, type BotTestServer } from "@parlor/sdk/testing";
import { createChainBot } from "./chain-bot.js";

const entry = fileURLToPath(new URL("../dist/index.js", import.meta.url));
const KEY = "c".repeat(32);

/** What the stand-in for the platform's bot query endpoint received. */
interface Forwarded {
  path: string;
  authorization: string | null;
  request: QueryRequest;
}

const forwarded: Forwarded[] = [];
let platform: BotTestServer;

beforeAll(async () => {
  // The platform checks the caller's key as Bearer; an SDK bot with that key does the same.
  const echo = defineBot({
    accessKey: KEY,
    async *onQuery(request, context) {
      forwarded.push({
        path: context.url,
        authorization: context.headers.get("authorization"),
        request,
      });
      yield meta({ suggestedReplies: false });
      yield "You said: ";
      yield request.query.at(-1)?.content ?? "";
      yield suggestedReply("Say it again");
    },
  });
  platform = await createBotTestServer(echo);
});
afterAll(() => platform.close());
beforeEach(() => {
  forwarded.length = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const query = {
  version: "1.2",
  type: "query" as const,
  query: [{ role: "user", content: "hello" }],
  user_id: "u-1",
  conversation_id: "c-1",
  message_id: "m-1",
  metadata: "d-1",
  bot_query_id: "bq-1",
};

describe("chain bot", () => {
  it("streams the target's reply under its name and passes on suggested replies", async () => {
    const bot = createChainBot({ target: "echo", baseUrl: `${platform.url}/bot/` });
    // `serve` gives the bot its key from POE_ACCESS_KEY; here we give it directly.
    const run = await queryBot({ ...bot, accessKey: KEY }, query);
    expect(run.error).toBeNull();
    expect(run.text).toBe("**@echo** says:\n\nYou said: hello");
    expect(run.suggestedReplies).toEqual(["Say it again"]);
  });

  it("forwards the query verbatim with its own access key as Bearer", async () => {
    const bot = createChainBot({ target: "echo", baseUrl: `${platform.url}/bot/` });
    await queryBot({ ...bot, accessKey: KEY }, query);
    expect(forwarded).toHaveLength(1);
    const [call] = forwarded;
    expect(call!.path).toBe("/bot/echo");
    expect(call!.authorization).toBe(`Bearer ${KEY}`);
    expect(call!.request).toMatchObject({
      message_id: "m-1",
      bot_query_id: "bq-1",
      conversation_id: "c-1",
      user_id: "u-1",
      metadata: "d-1",
      query: [{ role: "user", content: "hello" }],
    });
  });

  it("tells the user when the target cannot be reached", async () => {
    // The SDK logs each failed try; the test only cares what the user sees.
    vi.spyOn(console, "error").mockImplementation(() => {});
    const baseUrl = `http://127.0.0.1:${await closedPort()}/bot/`;
    const run = await queryBot(
      { ...createChainBot({ target: "echo", baseUrl }), accessKey: KEY },
      query,
    );
    expect(run.error).toMatchObject({ text: "@echo could not answer right now." });
  });

  it("declares its target in settings when run from its entry point", async () => {
    const child = spawn(process.execPath, [entry], {
      env: { ...process.env, PORT: "0", POE_ACCESS_KEY: KEY, CHAIN_TARGET: "GPT-4o-Mini" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          const match = /listening on (\S+)/.exec(chunk.toString());
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`chain bot exited with ${code}`)));
      });
      const settings = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${KEY}`, "content-type": "application/json" },
        body: JSON.stringify({ version: "1.2", type: "settings" }),
      });
      expect(await settings.json()).toMatchObject({
        server_bot_dependencies: { "GPT-4o-Mini": 1 },
      });
    } finally {
      child.kill();
    }
  });
});
