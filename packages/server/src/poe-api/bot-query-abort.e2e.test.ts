import { defineBot, streamRequest } from "@parlor/sdk";
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

  it("stops the called bot", async () => {
    test = await startApiTest();
    let stopped: () => void = () => {};
    const botStopped = new Promise<void>((resolve) => (stopped = resolve));
    server = await createBotTestServer(
      defineBot({
        async *onQuery(_request, context) {
          yield "first ";
          context.signal.addEventListener("abort", () => stopped());
          await new Promise((resolve) => setTimeout(resolve, 10_000));
          yield "never";
        },
      }),
    );
    await registerServerBot(test.user, {
      handle: "slow",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const caller = new AbortController();
    const stream = streamRequest(queryBody("hi"), "slow", test.apiKey, {
      baseUrl: test.botBaseUrl,
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
    test = await startApiTest();
    server = await createBotTestServer(
      defineBot({
        async *onQuery() {
          await new Promise((resolve) => setTimeout(resolve, 1500));
          yield "late";
        },
      }),
    );
    await registerServerBot(test.user, {
      handle: "sleepy",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const started = Date.now();
    const response = await fetch(`${test.botBaseUrl}sleepy`, {
      method: "POST",
      headers: { authorization: `Bearer ${test.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(queryBody("hi")),
    });
    // The head comes at once (the body waits for the bot), so a caller's header timeout never
    // fires because a bot thinks.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('data: {"text":"late"}');
  });
});
