import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const base = { PARLOR_SECRET: "s".repeat(32) };

describe("model provider configuration", () => {
  it("reads vendor keys and base URLs, and looks for Ollama on its default port unless told not to", () => {
    const config = loadConfig({
      ...base,
      OPENAI_API_KEY: "sk-1",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:9000",
    });
    expect(config.models.openai).toEqual({ apiKey: "sk-1", baseUrl: undefined });
    expect(config.models.anthropic).toEqual({
      apiKey: undefined,
      baseUrl: "http://127.0.0.1:9000",
    });
    expect(config.models.ollama).toEqual({ baseUrl: "http://127.0.0.1:11434/v1", explicit: false });
    expect(loadConfig({ ...base, OLLAMA_HOST: "off" }).models.ollama).toBeUndefined();
    expect(loadConfig({ ...base, OLLAMA_HOST: "10.0.0.2" }).models.ollama).toEqual({
      baseUrl: "http://10.0.0.2:11434/v1",
      explicit: true,
    });
    expect(
      loadConfig({ ...base, OLLAMA_HOST: "https://ollama.example" }).models.ollama?.baseUrl,
    ).toBe("https://ollama.example/v1");
  });

  it("reads OpenAI-compatible servers as a JSON list, naming what is wrong", () => {
    const servers = JSON.stringify([
      { name: "Groq", base_url: "https://api.groq.com/openai/v1", api_key: "gsk_1" },
      { name: "vLLM", base_url: "http://10.0.0.5:8000/v1" },
    ]);
    expect(
      loadConfig({ ...base, PARLOR_OPENAI_COMPATIBLE_SERVERS: servers }).models.compatibleServers,
    ).toEqual([
      { name: "Groq", baseUrl: "https://api.groq.com/openai/v1", apiKey: "gsk_1" },
      { name: "vLLM", baseUrl: "http://10.0.0.5:8000/v1", apiKey: undefined },
    ]);
    expect(() => loadConfig({ ...base, PARLOR_OPENAI_COMPATIBLE_SERVERS: "Groq" })).toThrow(
      "PARLOR_OPENAI_COMPATIBLE_SERVERS: must be a JSON list",
    );
    expect(() =>
      loadConfig({
        ...base,
        PARLOR_OPENAI_COMPATIBLE_SERVERS: '[{"name":"openai","base_url":"http://x"}]',
      }),
    ).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, OPENAI_BASE_URL: "api.openai.com" })).toThrow(
      "OPENAI_BASE_URL: must be an http(s) URL",
    );
  });
});
