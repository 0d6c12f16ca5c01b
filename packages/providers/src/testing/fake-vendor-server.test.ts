import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openAiStream, startFakeOpenAi } from "./fake-openai.js";
import type { FakeVendorServer } from "./fake-vendor-server.js";

let fake: FakeVendorServer;
beforeEach(async () => (fake = await startFakeOpenAi()));
afterEach(() => fake.close());

const post = (body: unknown) =>
  fetch(`${fake.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("fake vendor servers", () => {
  it("answer an unscripted request as the vendor would, streamed or not", async () => {
    const plain = (await (await post({ model: "m", messages: [] })).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(plain.choices[0]?.message.content).toBe("Hello from the fake.");
    const streamed = await (await post({ model: "m", messages: [], stream: true })).text();
    expect(streamed).toContain('"content":" from the fake."');
    expect(streamed.trimEnd().endsWith("data: [DONE]")).toBe(true);
    expect(fake.requests.map((request) => request.body)).toEqual([
      { model: "m", messages: [] },
      { model: "m", messages: [], stream: true },
    ]);
  });

  it("pace frames when asked, as a model generating tokens", async () => {
    fake.reply({ ...openAiStream({ text: ["a", "b", "c"] }), frameDelayMs: 40 });
    const started = performance.now();
    await (await post({ stream: true })).text();
    // Six frames (role, three texts, finish, [DONE]) at 40 ms each.
    expect(performance.now() - started).toBeGreaterThanOrEqual(6 * 40 - 10);
  });
});
