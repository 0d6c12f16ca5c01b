import { startFakeOpenAi, openAiStream, type FakeVendorServer } from "@parlor/providers/testing";
import { afterEach, describe, expect, it } from "vitest";
import { chatWith } from "../poe-api/testing/api-test-helpers.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import type { TestPlatform } from "../testing/test-platform.js";
import { listedBots, startModelsPlatform } from "./testing/model-test-helpers.js";

describe.each(TEST_DIALECTS)("model bots of an OpenAI key on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  let fake: FakeVendorServer | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await fake?.close();
    platform = fake = undefined;
  });

  it("lists the models the key serves as bots with the vendor's avatar, and chats with them", async () => {
    fake = await startFakeOpenAi(["gpt-4o", "gpt-4o-mini", "text-embedding-3-small", "whisper-1"]);
    const started = await startModelsPlatform(dialect, {
      OPENAI_API_KEY: "sk-test-key",
      OPENAI_BASE_URL: `${fake.url}/v1`,
    });
    platform = started.platform;
    const bots = await listedBots(started.user);
    const models = bots.filter((bot) => bot.kind === "model");
    expect(models.map((bot) => [bot.handle, bot.display_name, bot.model])).toEqual([
      ["gpt-4o", "GPT-4o", { provider: "openai", vendor: "OpenAI", model_id: "gpt-4o" }],
      [
        "gpt-4o-mini",
        "GPT-4o-Mini",
        { provider: "openai", vendor: "OpenAI", model_id: "gpt-4o-mini" },
      ],
    ]);
    const avatar = await started.user.request("GET", models[0]!.avatar_url!);
    expect(avatar.headers.get("content-type")).toBe("image/png");

    fake.reply(openAiStream({ text: ["Hello", " there"], usage: { input: 11, output: 2 } }));
    const reply = await chatWith(started.user, "GPT-4o", "Hi!");
    expect(reply).toMatchObject({ text: "Hello there", status: "complete" });
    const request = fake.requests.at(-1)!;
    expect(request.headers.authorization).toBe("Bearer sk-test-key");
    expect(request.body).toMatchObject({
      model: "gpt-4o",
      stream: true,
      messages: [{ role: "user", content: "Hi!" }],
    });
  });
});
