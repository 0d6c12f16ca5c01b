import { describe, expect, it } from "vitest";
import { isChatModel, isDatedSnapshot, isEmbeddingModel, modelBotName } from "./model-names.js";

describe("model bot names", () => {
  it("turns vendor ids into names that are also handles", () => {
    expect(modelBotName("llama3.1:8b")).toBe("Llama-3.1-8B");
    expect(modelBotName("llama3.1:latest")).toBe("Llama-3.1");
    expect(modelBotName("meta-llama/llama-3.1-70b-instruct")).toBe("Llama-3.1-70B-Instruct");
    expect(modelBotName("gpt-4o-mini")).toBe("GPT-4o-Mini");
    expect(modelBotName("o3-mini")).toBe("o3-Mini");
    expect(modelBotName("claude-opus-4-1-20250805")).toBe("Claude-Opus-4-1");
    expect(modelBotName("Gemini 2.5 Flash")).toBe("Gemini-2.5-Flash");
    expect(modelBotName("qwen2.5-coder:32b")).toBe("Qwen-2.5-Coder-32B");
    expect(modelBotName("_weird/:")).toMatch(/^[A-Za-z0-9][A-Za-z0-9.-]*$/);
  });

  it("keeps embedding, speech and image models out of the bots", () => {
    for (const id of [
      "text-embedding-3-small",
      "whisper-1",
      "tts-1",
      "dall-e-3",
      "omni-moderation-latest",
    ])
      expect(isChatModel(id)).toBe(false);
    expect(isEmbeddingModel("nomic-embed-text")).toBe(true);
    expect(isChatModel("llama3.1:8b")).toBe(true);
  });

  it("knows dated snapshots from their aliases", () => {
    expect(isDatedSnapshot("gpt-4o-2024-08-06")).toBe(true);
    expect(isDatedSnapshot("gpt-4-0613")).toBe(true);
    expect(isDatedSnapshot("gpt-4o")).toBe(false);
  });
});
