import { afterEach, describe, expect, it } from "vitest";
import { BotError } from "../errors.js";
import { syncBotSettings } from "./sync-bot-settings.js";
import {
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

async function start(handler: PlatformHandler) {
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

const ok: PlatformHandler = (_request, response) => response.writeHead(200).end("{}");

describe("syncBotSettings", () => {
  it("pushes settings as JSON to update_settings/<bot>/<key>/1.2", async () => {
    const platform = await start(ok);
    await syncBotSettings("test_bot", "test_access_key", {
      settings: { introduction_message: "Hi" },
      baseUrl: platform.botBaseUrl,
    });
    const [request] = platform.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe("/bot/update_settings/test_bot/test_access_key/1.2");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.json()).toEqual({ introduction_message: "Hi" });
  });

  it("asks the platform to fetch the settings at fetch_settings/<bot>/<key>/1.2", async () => {
    const platform = await start(ok);
    await syncBotSettings("test_bot", "test_access_key", { baseUrl: platform.botBaseUrl });
    expect(platform.requests.map((request) => [request.path, request.body.length])).toEqual([
      ["/bot/fetch_settings/test_bot/test_access_key/1.2", 0],
    ]);
  });

  it("throws BotError on a 500", async () => {
    const platform = await start((_request, response) => response.writeHead(500).end("broken"));
    await expect(
      syncBotSettings("test_bot", "key", { baseUrl: platform.botBaseUrl }),
    ).rejects.toThrow(new BotError("Error syncing settings for bot test_bot: 500 broken"));
  });

  it("throws BotError when the platform does not answer in time", async () => {
    const platform = await start(() => undefined);
    await expect(
      syncBotSettings("test_bot", "key", { baseUrl: platform.botBaseUrl, timeoutMs: 100 }),
    ).rejects.toBeInstanceOf(BotError);
  });

  it("throws BotError when the platform cannot be reached", async () => {
    const platform = await start(ok);
    await platform.close();
    await expect(
      syncBotSettings("test_bot", "key", { baseUrl: platform.botBaseUrl }),
    ).rejects.toBeInstanceOf(BotError);
  });
});
