import { defineBot, streamRequest, type QueryHandler } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  queryBody,
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "./testing/api-test-helpers.js";

describe("a bot query whose caller disconnects", () => {
  let test: ApiTestContext | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    test = server = undefined;
  });

  /** Starts the platform and a bot server answering with `onQuery`, registered as `handle`. */
  async function startWithBot(handle: string, onQuery: QueryHandler) {
    test = await startApiTest();
    server = await createBotTestServer(defineBot({ onQuery }));
    await registerServerBot(test.user, {
      handle,
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    return test;
  }

  it("stops the called bot", async () => {
    let stopped: () => void = () => {};
    const botStopped = new Promise<void>((resolve) => (stopped = resolve));
    const api = await startWithBot("slow", async function* (_request, context) {
      yield "first ";
      context.signal.addEventListener("abort", () => stopped());
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      yield "never";
    });
    const caller = new AbortController();
    const stream = streamRequest(queryBody("hi"), "slow", api.apiKey, {
      baseUrl: api.botBaseUrl,
      signal: caller.signal,
    });
    for await (const piece of stream) {
      if (piece.text === "first ") break;
    }
    caller.abort();
    await expect(
      Promise.race([
        botStopped.then(() => "stopped"),
        new Promise((resolve) => setTimeout(() => resolve("still running"), 3000)),
      ]),
    ).resolves.toBe("stopped");
  });

  it("shows the caller the response head while a slow bot has not started", async () => {
    const api = await startWithBot("sleepy", async function* () {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      yield "late";
    });
    const started = Date.now();
    const response = await fetch(`${api.botBaseUrl}sleepy`, {
      method: "POST",
      headers: { authorization: `Bearer ${api.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(queryBody("hi")),
    });
    // The head comes at once (the body waits for the bot), so a caller's header timeout never
    // fires because a bot thinks.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data: {"text":"late"}');
  });
});
