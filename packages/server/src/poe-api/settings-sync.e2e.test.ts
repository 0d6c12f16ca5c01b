import { defineBot, syncBotSettings, type SettingsResponse } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "./testing/api-test-helpers.js";

describe("settings sync (fetch_settings and update_settings)", () => {
  let test: ApiTestContext | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    test = server = undefined;
  });

  async function start() {
    let settings: SettingsResponse = { introduction_message: "first" };
    test = await startApiTest();
    server = await createBotTestServer(
      defineBot({ settings: () => settings, async *onQuery() {} }),
    );
    await registerServerBot(test.user, {
      handle: "tuned",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const shown = async () =>
      (
        await test!.user.json<{ bot: { settings: Record<string, unknown> } }>(
          "GET",
          "/api/bots/tuned",
        )
      ).bot.settings;
    return { shown, change: (next: SettingsResponse) => (settings = next) };
  }

  it("fetch_settings asks the bot again, with or without the version segment", async () => {
    const { shown, change } = await start();
    expect((await shown()).introduction_message).toBe("first");
    change({ introduction_message: "second" });
    await syncBotSettings("tuned", server!.accessKey, { baseUrl: test!.botBaseUrl });
    expect((await shown()).introduction_message).toBe("second");

    change({ introduction_message: "third" });
    const response = await fetch(`${test!.botBaseUrl}fetch_settings/tuned/${server!.accessKey}`, {
      method: "POST",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "success", bot: "tuned" });
    expect((await shown()).introduction_message).toBe("third");
  });

  it("update_settings stores the pushed settings", async () => {
    const { shown } = await start();
    await syncBotSettings("tuned", server!.accessKey, {
      baseUrl: test!.botBaseUrl,
      settings: { introduction_message: "pushed", server_bot_dependencies: { echo: 3 } },
    });
    expect(await shown()).toMatchObject({
      introduction_message: "pushed",
      server_bot_dependencies: { echo: 3 },
    });
  });

  it("refuses a wrong key (401), an unknown bot (404) and invalid settings (400)", async () => {
    const { shown } = await start();
    const post = (path: string, body?: unknown) =>
      fetch(`${test!.botBaseUrl}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const wrong = await post(`update_settings/tuned/${"x".repeat(32)}/1.2`, {
      introduction_message: "evil",
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({
      error: { message: "Invalid access key for bot 'tuned'" },
    });
    expect((await post(`fetch_settings/tuned/${"x".repeat(32)}/1.2`)).status).toBe(401);
    expect((await post(`fetch_settings/ghost/${server!.accessKey}/1.2`)).status).toBe(404);
    const invalid = await post(`update_settings/tuned/${server!.accessKey}/1.2`, {
      server_bot_dependencies: { echo: "lots" },
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toContain(
      "server_bot_dependencies",
    );
    expect((await shown()).introduction_message).toBe("first");
  });
});
