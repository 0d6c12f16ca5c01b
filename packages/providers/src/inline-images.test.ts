import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicProvider } from "./anthropic/anthropic-provider.js";
import { createGeminiProvider } from "./gemini/gemini-provider.js";
import { createOpenAiProvider } from "./openai/openai-provider.js";
import { collectEvents } from "./testing/collect-events.js";
import { startFakeAnthropic } from "./testing/fake-anthropic.js";
import { startFakeGemini } from "./testing/fake-gemini.js";
import { startFakeOpenAi } from "./testing/fake-openai.js";
import { lastRequestBody, type FakeVendorServer } from "./testing/fake-vendor-server.js";
import { message } from "./testing/sample-requests.js";

// What the platform sends for a user's upload, which no vendor could fetch from a laptop.
const PIXEL =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==";
const image = { url: `data:image/png;base64,${PIXEL}`, content_type: "image/png", name: "dot.png" };
const request = (model: string) => ({
  model,
  query: [message({ role: "user", content: "What is this?", attachments: [image] })],
});

let fake: FakeVendorServer | undefined;
afterEach(() => fake?.close());

describe("an image sent inline as a data: URL", () => {
  it("goes to OpenAI as the data URL itself, which the API takes", async () => {
    fake = await startFakeOpenAi();
    const provider = createOpenAiProvider({ apiKey: "sk-test", baseUrl: `${fake.url}/v1` });
    await collectEvents(provider.stream(request("gpt-4o")));
    expect(lastRequestBody(fake).messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image_url", image_url: { url: image.url } },
        ],
      },
    ]);
  });

  it("goes to Anthropic as a base64 image source", async () => {
    fake = await startFakeAnthropic();
    const provider = createAnthropicProvider({ apiKey: "sk-ant", baseUrl: fake.url });
    await collectEvents(provider.stream(request("claude-sonnet-4-20250514")));
    expect(lastRequestBody(fake).messages).toEqual([
      {
        role: "user",
        content: [
          { type: "text", text: "What is this?" },
          { type: "image", source: { type: "base64", media_type: "image/png", data: PIXEL } },
        ],
      },
    ]);
  });

  it("goes to Gemini as inline data", async () => {
    fake = await startFakeGemini();
    const provider = createGeminiProvider({ apiKey: "gm", baseUrl: fake.url });
    await collectEvents(provider.stream(request("gemini-2.5-flash")));
    expect(lastRequestBody(fake).contents).toEqual([
      {
        role: "user",
        parts: [{ text: "What is this?" }, { inlineData: { mimeType: "image/png", data: PIXEL } }],
      },
    ]);
  });
});
