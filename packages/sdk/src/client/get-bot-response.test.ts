import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { BotError } from "../errors.js";
import { getBotResponse } from "./get-bot-response.js";
import { getFinalResponse } from "./get-final-response.js";
import {
  encodeEvents,
  sendSse,
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures));
/** What fastapi_poe 0.0.81's `get_bot_response([ProtocolMessage(role="user", content="hello")], "echo", "test-api-key")` sent. */
const standin = JSON.parse(fixture("standin_requests.jsonl").toString("utf8").split("\n")[0]!) as {
  headers: Record<string, string>;
  body: Record<string, unknown>;
};

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

async function start(handler: PlatformHandler) {
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

const echo: PlatformHandler = (_request, response) => sendSse(response, fixture("query.sse"));

describe("getBotResponse", () => {
  it("sends the request fastapi_poe's get_bot_response sends, field for field", async () => {
    const platform = await start(echo);
    let text = "";
    for await (const response of getBotResponse(
      [{ role: "user", content: "hello" }],
      "echo",
      "test-api-key",
      { baseUrl: platform.botBaseUrl },
    )) {
      if (!response.isSuggestedReply) text += response.text;
    }
    expect(text).toBe("hello (echo of 5 chars)");
    const [query] = platform.queries();
    expect(query?.path).toBe(new URL(platform.botBaseUrl).pathname + "echo");
    const body = query!.json();
    expect(body).toEqual(standin.body);
    expect(Object.keys(body)).toEqual(Object.keys(standin.body));
    for (const name of ["Accept", "Authorization", "Content-Type", "Cache-Control"]) {
      expect(query?.headers[name.toLowerCase()]).toBe(standin.headers[name]);
    }
  });

  it("yields suggested replies apart from the text, so printing every piece prints the reply", async () => {
    const platform = await start(echo);
    let printed = "";
    const suggestions: string[] = [];
    const pieces = getBotResponse([{ role: "user", content: "hello" }], "echo", "key", {
      baseUrl: platform.botBaseUrl,
    });
    for await (const piece of pieces) {
      printed += piece.text; // docs/api.md's example: process.stdout.write(piece.text)
      if (piece.suggestedReply !== undefined) suggestions.push(piece.suggestedReply);
    }
    expect(printed).toBe("hello (echo of 5 chars)");
    expect(suggestions).toEqual(["Say it again"]);
  });

  it("passes the request options, adopt_current_bot_name included", async () => {
    const platform = await start(echo);
    const responses = getBotResponse([{ role: "user", content: "hello" }], "echo", "key", {
      baseUrl: platform.botBaseUrl,
      temperature: 0.5,
      skipSystemPrompt: true,
      adoptCurrentBotName: true,
      logitBias: { "50256": -100 },
      stopSequences: ["foo"],
    });
    for await (const _response of responses);
    expect(platform.queries()[0]?.json()).toMatchObject({
      user_id: "",
      conversation_id: "",
      message_id: "",
      version: "1.2",
      temperature: 0.5,
      skip_system_prompt: true,
      adopt_current_bot_name: true,
      logit_bias: { "50256": -100 },
      stop_sequences: ["foo"],
    });
  });
});

describe("getFinalResponse", () => {
  const request = {
    version: "1.2",
    type: "query" as const,
    query: [{ role: "user", content: "hello" }],
    user_id: "u",
    conversation_id: "c",
    message_id: "m",
  };

  it("returns the echo bot's whole reply", async () => {
    const platform = await start(echo);
    await expect(
      getFinalResponse(request, "echo", "key", { baseUrl: platform.botBaseUrl }),
    ).resolves.toBe("hello (echo of 5 chars)");
  });

  it("honours replace_response and skips meta and suggested replies", async () => {
    const platform = await start((_request, response) =>
      sendSse(
        response,
        encodeEvents([
          ["meta", { content_type: "text/plain" }],
          ["text", { text: "Thinking..." }],
          ["replace_response", { text: "The answer" }],
          ["text", { text: " is 42." }],
          ["suggested_reply", { text: "Why?" }],
          ["done", {}],
        ]),
      ),
    );
    await expect(
      getFinalResponse(request, "echo", "key", { baseUrl: platform.botBaseUrl }),
    ).resolves.toBe("The answer is 42.");
  });

  it("throws BotError when the bot sent no response", async () => {
    const platform = await start((_request, response) =>
      sendSse(response, encodeEvents([["done", {}]])),
    );
    const call = getFinalResponse(request, "echo", "key", {
      baseUrl: platform.botBaseUrl,
      onError: () => undefined,
    });
    await expect(call).rejects.toThrow(new BotError("Bot echo sent no response"));
  });
});
