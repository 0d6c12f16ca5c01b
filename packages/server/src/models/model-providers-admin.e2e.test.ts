import { openAiStream, startFakeOpenAi, type FakeVendorServer } from "@parlor/providers/testing";
import { afterEach, describe, expect, it } from "vitest";
import { chatWith } from "../poe-api/testing/api-test-helpers.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { clientAt, type TestPlatform } from "../testing/test-platform.js";
import { listedBots, startModelsPlatform } from "./testing/model-test-helpers.js";

interface AdminProvider {
  id: string;
  name: string;
  source: string;
  api_key: string;
  status: string;
  status_message: string | null;
  models_count: number;
  bots: { handle: string; display_name: string; listed: boolean }[];
}

describe.each(TEST_DIALECTS)("model providers in the admin API on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  let fake: FakeVendorServer | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await fake?.close();
    platform = fake = undefined;
  });

  it("adds an OpenAI-compatible server whose /models become bots, and never shows its key", async () => {
    fake = await startFakeOpenAi(["llama3.1:8b", "qwen2.5:7b", "nomic-embed-text"]);
    const started = await startModelsPlatform(dialect, {});
    platform = started.platform;
    const admin = started.user;
    const added = await admin.request("POST", "/api/admin/models/providers", {
      name: "vLLM box",
      base_url: `${fake.url}/v1`,
      api_key: "secret-server-key",
    });
    expect(added.status).toBe(201);
    const text = await added.text();
    expect(text).not.toContain("secret-server-key");
    const { provider } = JSON.parse(text) as { provider: AdminProvider };
    expect(provider).toMatchObject({
      id: "vLLM box",
      source: "admin",
      api_key: "set",
      status: "ok",
      models_count: 2,
    });
    expect(provider.bots.map((bot) => [bot.handle, bot.display_name])).toEqual([
      ["llama-3.1-8b", "Llama-3.1-8B"],
      ["qwen-2.5-7b", "Qwen-2.5-7B"],
    ]);
    const listing = await admin.request("GET", "/api/admin/models/providers");
    expect(await listing.text()).not.toContain("secret-server-key");
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer secret-server-key");

    fake.reply(openAiStream({ text: ["Hi from Llama"] }));
    const user = await platform.signUp("someone@example.com");
    expect(await chatWith(user, "Llama-3.1-8B", "Hello")).toMatchObject({ text: "Hi from Llama" });
    expect(fake.requests.at(-1)!.body).toMatchObject({ model: "llama3.1:8b" });
    expect(await platform.platform.models.embeddingTarget("nomic-embed-text")).toMatchObject({
      model: "nomic-embed-text",
    });

    // Switched off, its bots leave the lists and calling one says why.
    await admin.json("PATCH", `/api/admin/models/providers/${encodeURIComponent("vLLM box")}`, {
      enabled: false,
    });
    expect((await listedBots(user)).some((bot) => bot.kind === "model")).toBe(false);
    expect((await chatWith(user, "Llama-3.1-8B", "Hello")).status).toBe("error");

    await admin.json("DELETE", `/api/admin/models/providers/${encodeURIComponent("vLLM box")}`);
    const { providers } = await admin.json<{ providers: AdminProvider[] }>(
      "GET",
      "/api/admin/models/providers",
    );
    expect(providers.map((entry) => entry.id)).toEqual(["openai", "anthropic", "gemini"]);
  });

  it("takes a vendor key from an admin, write-only, and refuses bad input in the error shape", async () => {
    fake = await startFakeOpenAi(["gpt-4o"]);
    const started = await startModelsPlatform(dialect, { OPENAI_BASE_URL: `${fake.url}/v1` });
    platform = started.platform;
    const admin = started.user;
    const before = await admin.json<{ providers: AdminProvider[] }>(
      "GET",
      "/api/admin/models/providers",
    );
    expect(before.providers[0]).toMatchObject({
      id: "openai",
      status: "not_configured",
      api_key: "not set",
    });
    const saved = await admin.request("PATCH", "/api/admin/models/providers/openai", {
      api_key: "sk-admin-key",
    });
    const body = await saved.text();
    expect(body).not.toContain("sk-admin-key");
    expect(JSON.parse(body)).toMatchObject({ provider: { api_key: "set", status: "ok" } });
    expect(fake.requests.at(-1)!.headers.authorization).toBe("Bearer sk-admin-key");
    const user = await platform.signUp("someone@example.com");
    expect((await listedBots(user)).map((bot) => bot.handle)).toContain("gpt-4o");

    const bad = await admin.request("POST", "/api/admin/models/providers", {
      name: "openai",
      base_url: "ftp://nowhere",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request" } });
    const notAdmin = await user.request("GET", "/api/admin/models/providers");
    expect(notAdmin.status).toBe(404);
  });

  it("finds a local Ollama at OLLAMA_HOST with no other configuration", async () => {
    fake = await startFakeOpenAi(["llama3.1:8b"]);
    const started = await startModelsPlatform(dialect, {
      OLLAMA_HOST: fake.url.replace("http://", ""),
    });
    platform = started.platform;
    const bots = await listedBots(started.user);
    expect(
      bots.filter((bot) => bot.kind === "model").map((bot) => [bot.display_name, bot.model]),
    ).toEqual([
      ["Llama-3.1-8B", { provider: "Ollama", vendor: "Ollama", model_id: "llama3.1:8b" }],
    ]);
    const { key } = await started.user.json<{ key: string }>("POST", "/api/keys", { name: "t" });
    const byKey = clientAt(platform.url, { apiKey: key });
    const models = await byKey.json<{ data: { id: string; owned_by: string }[] }>(
      "GET",
      "/v1/models",
    );
    expect(models.data).toContainEqual(
      expect.objectContaining({ id: "llama-3.1-8b", owned_by: "Ollama" }),
    );
  });
});
