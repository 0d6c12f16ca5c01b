import {
  data,
  defineBot,
  getFinalResponse,
  streamRequest,
  type SettingsResponse,
} from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import type { QueryRequest } from "@parlor/protocol";
import { afterEach, describe, expect, it } from "vitest";
import { readReply, sendMessage, startConversation } from "../testing/bots/chat-helpers.js";
import {
  chatWith,
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "./testing/api-test-helpers.js";

/** A bot that calls `target` `times` times while it answers, reporting refusals as text. */
function callingBot(options: {
  baseUrl: () => string;
  target: string;
  times: number;
  settings: SettingsResponse;
  accessKey?: string;
  path?: string;
}) {
  return defineBot({
    settings: options.settings,
    ...(options.accessKey ? { accessKey: options.accessKey } : {}),
    ...(options.path ? { path: options.path } : {}),
    async *onQuery(request: QueryRequest) {
      yield "[";
      for (let call = 1; call <= options.times; call++) {
        try {
          yield await getFinalResponse(request, options.target, request.access_key, {
            baseUrl: options.baseUrl(),
            numTries: 1,
            onError: () => {},
          });
        } catch (error) {
          yield `refused: ${(error as Error).message}`;
        }
      }
      yield "]";
    },
  });
}

describe("bot-to-bot calls with a bot access key", () => {
  let test: ApiTestContext | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    test = server = undefined;
  });

  async function startWith(bot: ReturnType<typeof defineBot>, handle: string) {
    test = await startApiTest();
    const base = test.botBaseUrl;
    server = await createBotTestServer(bot);
    await registerServerBot(test.user, {
      handle,
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    return base;
  }

  it("lets a server bot call a declared dependency during its reply, once per declaration", async () => {
    let base = "";
    const bot = callingBot({
      baseUrl: () => base,
      target: "echo",
      times: 2,
      settings: { server_bot_dependencies: { Echo: 1 } },
    });
    base = await startWith(bot, "relay");
    const reply = await chatWith(test!.user, "relay", "hello");
    expect(reply.status).toBe("complete");
    expect(reply.text).toMatch(/^\[hello/);
    expect(reply.text).toContain(
      "refused: Bot echo returned HTTP 429 Too Many Requests: " +
        `{"error":{"code":"dependency_budget_spent","message":"Dependency budget spent: 'relay' may call 'echo' 1 time per message"}}`,
    );
    expect(reply.text.endsWith("]")).toBe(true);
  });

  it("gives every user message its own budget", async () => {
    let base = "";
    const bot = callingBot({
      baseUrl: () => base,
      target: "echo",
      times: 1,
      settings: { server_bot_dependencies: { echo: 1 } },
    });
    base = await startWith(bot, "relay");
    expect((await chatWith(test!.user, "relay", "one")).text).toBe("[one]");
    expect((await chatWith(test!.user, "relay", "two")).text).toBe("[two]");
  });

  it("refuses a dependency the bot did not declare", async () => {
    let base = "";
    const bot = callingBot({ baseUrl: () => base, target: "echo", times: 1, settings: {} });
    base = await startWith(bot, "lonely");
    const reply = await chatWith(test!.user, "lonely", "hello");
    expect(reply.text).toContain("HTTP 403");
    expect(reply.text).toContain("Bot 'lonely' did not declare 'echo' in server_bot_dependencies");
  });

  it("refuses the access key of another bot, and any key after the reply ended", async () => {
    let base = "";
    let seen: QueryRequest | undefined;
    const bot = defineBot({
      settings: { server_bot_dependencies: { echo: 5 } },
      async *onQuery(request) {
        seen = request;
        const wrongKey = "W".repeat(32);
        try {
          for await (const _ of streamRequest(request, "echo", wrongKey, {
            baseUrl: base,
            numTries: 1,
            onError: () => {},
          }));
        } catch (error) {
          yield (error as Error).message;
        }
      },
    });
    base = await startWith(bot, "forger");
    const reply = await chatWith(test!.user, "forger", "hello");
    expect(reply.text).toContain("HTTP 401");
    expect(reply.text).toContain(
      "Invalid API key or bot access key: the key is not the access key of 'forger'",
    );

    // The right key, but the query is over: the key no longer lets the bot call anyone.
    const late = await fetch(`${base}echo`, {
      method: "POST",
      headers: { authorization: `Bearer ${server!.accessKey}`, "content-type": "application/json" },
      body: JSON.stringify(seen),
    });
    expect(late.status).toBe(401);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain(
      "is not a query being answered now",
    );
  });

  it("refuses a call loop a → b → a", async () => {
    test = await startApiTest();
    const base = test.botBaseUrl;
    const keyA = "A".repeat(32);
    const keyB = "B".repeat(32);
    server = await createBotTestServer([
      callingBot({
        baseUrl: () => base,
        target: "loop-b",
        times: 1,
        settings: { server_bot_dependencies: { "loop-b": 1 } },
        accessKey: keyA,
        path: "/a",
      }),
      callingBot({
        baseUrl: () => base,
        target: "loop-a",
        times: 1,
        settings: { server_bot_dependencies: { "loop-a": 1 } },
        accessKey: keyB,
        path: "/b",
      }),
    ]);
    await registerServerBot(test.user, {
      handle: "loop-a",
      serverUrl: `${server.url}/a`,
      accessKey: keyA,
    });
    await registerServerBot(test.user, {
      handle: "loop-b",
      serverUrl: `${server.url}/b`,
      accessKey: keyB,
    });
    const reply = await chatWith(test.user, "loop-a", "hello");
    expect(reply.status).toBe("complete");
    expect(reply.text).toMatch(/^\[\[refused: .*HTTP 403/);
    expect(reply.text).toContain("Call loop refused: loop-a → loop-b → loop-a");
  });

  it("keeps a bot's stored metadata from the bot it forwards the conversation to", async () => {
    test = await startApiTest();
    const base = test.botBaseUrl;
    const seenBy = { keeper: [] as QueryRequest[], witness: [] as QueryRequest[] };
    server = await createBotTestServer([
      defineBot({
        settings: { server_bot_dependencies: { witness: 1 } },
        accessKey: "K".repeat(32),
        path: "/keeper",
        async *onQuery(request) {
          seenBy.keeper.push(request);
          if (request.query.at(-1)?.content === "remember") {
            yield data("keeper's private state");
            yield "noted";
            return;
          }
          // The usual fastapi_poe pattern: forward the whole query as it came.
          yield await getFinalResponse(request, "witness", request.access_key, { baseUrl: base });
        },
      }),
      defineBot({
        accessKey: "W".repeat(32),
        path: "/witness",
        async *onQuery(request) {
          seenBy.witness.push(request);
          yield "seen";
        },
      }),
    ]);
    for (const handle of ["keeper", "witness"]) {
      await registerServerBot(test.user, {
        handle,
        serverUrl: `${server.url}/${handle}`,
        accessKey: (handle === "keeper" ? "K" : "W").repeat(32),
      });
    }
    const conversation = await startConversation(test.user, "keeper");
    for (const content of ["remember", "ask the witness", "and again"]) {
      const { botMessageId } = await sendMessage(test.user, conversation, content);
      await readReply(test.user, botMessageId);
    }

    const metadataIn = (request: QueryRequest | undefined) =>
      request?.query.map((message) => [message.content, message.metadata]);
    // The keeper gets its state back on each later turn, as the platform stored it.
    expect(metadataIn(seenBy.keeper[2])).toEqual([
      ["remember", null],
      ["noted", "keeper's private state"],
      ["ask the witness", null],
      ["seen", null],
      ["and again", null],
    ]);
    // The witness gets the same conversation on both forwarded turns, none of the keeper's state.
    expect(seenBy.witness.map(metadataIn)).toEqual([
      [
        ["remember", null],
        ["noted", null],
        ["ask the witness", null],
      ],
      [
        ["remember", null],
        ["noted", null],
        ["ask the witness", null],
        ["seen", null],
        ["and again", null],
      ],
    ]);
  });
});
