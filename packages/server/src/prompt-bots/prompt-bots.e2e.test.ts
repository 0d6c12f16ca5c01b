import { openAiStream, startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startModelsPlatform } from "../models/testing/model-test-helpers.js";
import { chatWith, queryBody } from "../poe-api/testing/api-test-helpers.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { TestClient, TestPlatform } from "../testing/test-platform.js";

interface ShownBot {
  handle: string;
  kind: string;
  greeting: string;
  prompt: {
    base_bot: { handle: string; display_name: string; model: { model_id: string } | null } | null;
    suggest_replies: boolean;
    text?: string;
    temperature?: number | null;
  } | null;
}

const PIRATE = {
  kind: "prompt",
  handle: "pirate",
  display_name: "Pirate",
  description: "Talks like a pirate",
  greeting: "Ahoy! Ask me anything.",
  base_bot: "GPT-4o",
  prompt: "You are {{bot_name}}. Talk like a pirate to {{user_name}}.",
  temperature: 0.3,
};

describe.each(TEST_DIALECTS)("prompt bots on %s", (dialect) => {
  let fake: FakeVendorServer;
  let platform: TestPlatform;
  let creator: TestClient;
  beforeEach(async () => {
    fake = await startFakeOpenAi(["gpt-4o"]);
    ({ platform, user: creator } = await startModelsPlatform(dialect, {
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    }));
  });
  afterEach(async () => {
    await platform.dispose();
    await fake.close();
  });

  async function create(body: Record<string, unknown>) {
    return creator.json<{ bot: ShownBot }>("POST", "/api/bots", body);
  }

  it("answers with the base model, the creator's prompt first and its temperature asked", async () => {
    await creator.json("PATCH", "/api/account", { display_name: "Ada" });
    const { bot } = await create(PIRATE);
    expect(bot).toMatchObject({
      kind: "prompt",
      greeting: "Ahoy! Ask me anything.",
      prompt: {
        base_bot: { handle: "gpt-4o", display_name: "GPT-4o", model: { model_id: "gpt-4o" } },
        text: PIRATE.prompt,
        temperature: 0.3,
        suggest_replies: false,
      },
    });

    fake.reply(openAiStream({ text: ["Arr, ", "matey!"], usage: { input: 30, output: 4 } }));
    const reply = await chatWith(creator, "pirate", "Hello");
    expect(reply).toMatchObject({ text: "Arr, matey!", status: "complete" });
    expect(fake.requests.at(-1)!.body).toMatchObject({
      model: "gpt-4o",
      temperature: 0.3,
      messages: [
        { role: "system", content: "You are Pirate. Talk like a pirate to Ada." },
        { role: "user", content: "Hello" },
      ],
    });
    // The base model's tokens are the prompt bot's reply's.
    const message = await platform.platform.store.messages.findById(reply.messageId);
    expect(message).toMatchObject({ input_tokens: 30, output_tokens: 4 });
  });

  it("shows everyone what it runs on, and its prompt only to those who may edit it", async () => {
    await create(PIRATE);
    const other = await platform.signUp("other@example.com");
    const listed = (await other.json<{ bots: ShownBot[] }>("GET", "/api/bots")).bots;
    const seen = listed.find((bot) => bot.handle === "pirate")!;
    expect(seen.prompt).toEqual({
      base_bot: {
        handle: "gpt-4o",
        display_name: "GPT-4o",
        model: expect.objectContaining({ model_id: "gpt-4o" }) as unknown,
      },
      suggest_replies: false,
    });
    const mine = (await creator.json<{ bots: ShownBot[] }>("GET", "/api/bots")).bots;
    expect(mine.find((bot) => bot.handle === "pirate")!.prompt!.text).toBe(PIRATE.prompt);
  });

  it("suggests three follow-ups from the base model once the reply is written", async () => {
    await create({ ...PIRATE, suggest_replies: true });
    fake.reply(
      openAiStream({ text: ["Arr!"], usage: { input: 10, output: 2 } }),
      openAiStream({
        text: [
          "1. Tell me a sea shanty\n",
          '- "Where is the treasure?"\nWhat ship is yours?\nOne too many',
        ],
        usage: { input: 20, output: 12 },
      }),
    );
    const reply = await chatWith(creator, "pirate", "Hello");
    expect(reply.text).toBe("Arr!");
    const asked = fake.requests.at(-1)!.body as { messages: { role: string; content: string }[] };
    expect(asked.messages.at(-2)).toEqual({ role: "assistant", content: "Arr!" });
    expect(asked.messages.at(-1)!.content).toMatch(/Suggest 3 short replies/);
    const history = await creator.json<{ messages: { suggested_replies: string[] }[] }>(
      "GET",
      `/api/conversations/${reply.conversationId}`,
    );
    expect(history.messages[1]!.suggested_replies).toEqual([
      "Tell me a sea shanty",
      "Where is the treasure?",
      "What ship is yours?",
    ]);
    // Both calls count.
    const message = await platform.platform.store.messages.findById(reply.messageId);
    expect(message).toMatchObject({ input_tokens: 30, output_tokens: 14 });
  });

  it("refuses an unknown variable, a base bot its creator may not use, and a loop", async () => {
    const typo = await creator.request("POST", "/api/bots", {
      ...PIRATE,
      prompt: "Hi {{usr_name}}",
    });
    expect(typo.status).toBe(400);
    expect(await typo.text()).toContain(
      "{{usr_name}} is not a variable; the variables are {{user_name}}",
    );

    const other = await platform.signUp("other@example.com");
    await other.json("POST", "/api/bots", {
      ...PIRATE,
      handle: "secret",
      visibility: "private",
    });
    const notMine = await creator.request("POST", "/api/bots", { ...PIRATE, base_bot: "secret" });
    expect(notMine.status).toBe(400);
    const missing = await creator.request("POST", "/api/bots", { ...PIRATE, base_bot: "nobody" });
    // A private bot and one that does not exist get the same words.
    expect(await notMine.text()).toBe((await missing.text()).replaceAll("nobody", "secret"));

    await create({ ...PIRATE, handle: "first" });
    await create({ ...PIRATE, handle: "second", base_bot: "first" });
    const loop = await creator.request("PATCH", "/api/bots/first", { base_bot: "second" });
    expect(loop.status).toBe(400);
    expect(await loop.text()).toContain("@second runs on this bot: that would be a loop");
  });

  it("says so when the bot it runs on is gone, and is answered over /bot/ and /v1", async () => {
    await create(PIRATE);
    fake.reply(openAiStream({ text: ["Yo ho"] }), openAiStream({ text: ["Yo ho ho"] }));
    const key = (await creator.json<{ key: string }>("POST", "/api/keys", { name: "t" })).key;
    const viaBot = await fetch(`${platform.url}/bot/pirate`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(queryBody("Hi")),
    });
    expect(await viaBot.text()).toContain("Yo ho");
    const viaV1 = await fetch(`${platform.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "pirate", messages: [{ role: "user", content: "Hi" }] }),
    });
    expect(await viaV1.json()).toMatchObject({
      choices: [{ message: { content: "Yo ho ho" } }],
    });

    await create({ ...PIRATE, handle: "base-of-mine", base_bot: "GPT-4o" });
    await create({ ...PIRATE, handle: "on-top", base_bot: "base-of-mine" });
    await creator.json("DELETE", "/api/bots/base-of-mine");
    const reply = await chatWith(creator, "on-top", "Hello");
    expect(reply.status).toBe("error");
    const history = await creator.json<{ messages: { content: string; error: string | null }[] }>(
      "GET",
      `/api/conversations/${reply.conversationId}`,
    );
    expect(JSON.stringify(history.messages[1])).toContain(
      "The bot Pirate runs on was deleted; its creator must choose another.",
    );
  });
});
