import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBot } from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { JPEG_BYTES, PNG_BYTES, SVG_BYTES } from "../testing/image-bytes.js";
import { startImageSite, type ImageSite } from "../testing/image-site.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** A bot as the API shows it, as far as avatars go. */
interface ShownBot {
  id: string;
  avatar_url: string | null;
}

/** The headers every served avatar carries. */
const AVATAR_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-disposition": "inline",
  "content-security-policy": "default-src 'none'; sandbox",
  "cache-control": "private, max-age=300",
};

describe.each(TEST_DIALECTS)("bot avatars on %s", (dialect) => {
  let platform: TestPlatform;
  let bot: ScriptedBot;
  let alice: TestClient;
  let bob: TestClient;
  let site: ImageSite;

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    bot = await startScriptedBot();
    alice = await platform.signUp("alice@example.com");
    bob = await platform.signUp("bob@example.com");
    site = await startImageSite({
      "/face.png": ["image/png", PNG_BYTES],
      "/face.jpg": ["image/svg+xml", JPEG_BYTES],
      "/evil.png": ["image/png", SVG_BYTES],
      "/big.png": ["image/png", Buffer.concat([PNG_BYTES, Buffer.alloc(2 * 1024 * 1024)])],
    });
  });
  afterAll(async () => {
    await platform.dispose();
    await bot.close();
    site.close();
  });

  /** Uploads `bytes` as the avatar of `handle`, declared as `type` and named `name`. */
  function upload(
    client: TestClient,
    handle: string,
    bytes: Buffer,
    type = "image/png",
    name = "a.png",
  ) {
    const form = new FormData();
    form.append("file", new Blob([bytes], { type }), name);
    return fetch(`${platform.url}/api/bots/${handle}/avatar`, {
      method: "POST",
      headers: { cookie: client.cookie },
      body: form,
    });
  }

  const shown = async (handle: string) =>
    (await alice.json<{ bot: ShownBot }>("GET", `/api/bots/${handle}`)).bot;

  /** The avatar as a signed-out visitor gets it. */
  const avatarOf = (path: string, cookie = "") =>
    fetch(`${platform.url}${path}`, { headers: cookie ? { cookie } : {} });

  async function errorOf(response: Response) {
    return [response.status, ((await response.json()) as { error: unknown }).error];
  }

  it("stores an upload as the type its bytes are, and serves it so nothing in it can run", async () => {
    await registerBot(alice, bot, { handle: "faces" });
    expect((await shown("faces")).avatar_url).toBeNull();
    // Declared as SVG and named .svg: the bytes are a PNG, and that is what counts.
    const response = await upload(alice, "faces", PNG_BYTES, "image/svg+xml", "face.svg");
    expect(response.status).toBe(200);
    const { bot: updated } = (await response.json()) as { bot: ShownBot };
    expect(updated.avatar_url).toMatch(/^\/api\/bots\/faces\/avatar\?v=\d+$/);
    expect(await shown("faces")).toEqual(updated);

    const served = await avatarOf(updated.avatar_url!);
    expect(served.status).toBe(200);
    expect(Object.fromEntries(served.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(PNG_BYTES.length),
      ...AVATAR_HEADERS,
    });
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG_BYTES);
  });

  it("gives a new avatar a new URL, and removes it on DELETE", async () => {
    const before = (await shown("faces")).avatar_url;
    const replaced = (await (await upload(alice, "faces", JPEG_BYTES)).json()) as { bot: ShownBot };
    expect(replaced.bot.avatar_url).not.toBe(before);
    const served = await avatarOf(replaced.bot.avatar_url!);
    expect(served.headers.get("content-type")).toBe("image/jpeg");

    const removed = await alice.json<{ bot: ShownBot }>("DELETE", "/api/bots/faces/avatar");
    expect(removed.bot.avatar_url).toBeNull();
    expect((await avatarOf("/api/bots/faces/avatar")).status).toBe(404);
  });

  it("refuses SVG, anything that is not an image, and files over 2 MB", async () => {
    expect(await errorOf(await upload(alice, "faces", SVG_BYTES, "image/png", "face.png"))).toEqual(
      [
        400,
        {
          code: "invalid_request",
          field: "file",
          message:
            "file was refused: SVG images are not accepted (they can carry scripts); use PNG, JPEG, WebP or GIF",
        },
      ],
    );
    const text = await upload(alice, "faces", Buffer.from("just text"), "image/gif");
    expect(await errorOf(text)).toEqual([
      400,
      {
        code: "invalid_request",
        field: "file",
        message:
          "file was refused: not a PNG, JPEG, WebP or GIF image (the type is read from the file's bytes, whatever its name or declared type)",
      },
    ]);
    const big = Buffer.concat([PNG_BYTES, Buffer.alloc(2 * 1024 * 1024)]);
    const [status, error] = await errorOf(await upload(alice, "faces", big));
    expect([status, (error as { message: string }).message]).toEqual([
      413,
      "Avatars may be at most 2 MB",
    ]);
    expect((await shown("faces")).avatar_url).toBeNull();
  });

  it("serves a private bot's avatar only to those who may see the bot", async () => {
    await registerBot(alice, bot, { handle: "hidden", visibility: "private" });
    await upload(alice, "hidden", PNG_BYTES);
    const url = (await shown("hidden")).avatar_url!;
    expect((await avatarOf(url, alice.cookie)).status).toBe(200);
    expect((await avatarOf(url, bob.cookie)).status).toBe(404);
    expect((await avatarOf(url)).status).toBe(404);
    // Exactly as for a bot that does not exist.
    const [forPrivate, forMissing] = [
      await (await avatarOf(url)).text(),
      await (await avatarOf("/api/bots/no-such-bot/avatar")).text(),
    ];
    expect(forPrivate.replaceAll("hidden", "no-such-bot")).toBe(forMissing);
    // Neither can Bob change it.
    expect((await upload(bob, "hidden", JPEG_BYTES)).status).toBe(404);
    expect((await bob.request("DELETE", "/api/bots/hidden/avatar")).status).toBe(404);
    expect((await avatarOf(url, alice.cookie)).headers.get("content-type")).toBe("image/png");
  });

  it("fetches a typed avatar_url once, without cookies or referrer, and never shows the URL", async () => {
    site.received.length = 0;
    const source = `${site.url}/face.png?token=secret-token`;
    const { bot: created } = await alice.json<{ bot: ShownBot }>("POST", "/api/bots", {
      handle: "linked",
      server_url: bot.url,
      avatar_url: source,
    });
    expect(created.avatar_url).toMatch(/^\/api\/bots\/linked\/avatar\?v=\d+$/);
    expect(site.received).toHaveLength(1);
    expect(site.received[0]!.path).toBe("/face.png?token=secret-token");
    expect(site.received[0]!.headers).not.toHaveProperty("cookie");
    expect(site.received[0]!.headers).not.toHaveProperty("referer");
    const served = await avatarOf(created.avatar_url!);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG_BYTES);
    expect(JSON.stringify(await shown("linked"))).not.toContain("secret-token");
    expect(site.received).toHaveLength(1);

    // A JPEG declared as SVG is a JPEG; null removes the avatar.
    const patched = await alice.json<{ bot: ShownBot }>("PATCH", "/api/bots/linked", {
      avatar_url: `${site.url}/face.jpg`,
    });
    expect((await avatarOf(patched.bot.avatar_url!)).headers.get("content-type")).toBe(
      "image/jpeg",
    );
    const cleared = await alice.json<{ bot: ShownBot }>("PATCH", "/api/bots/linked", {
      avatar_url: null,
    });
    expect(cleared.bot.avatar_url).toBeNull();
  });

  it("refuses an avatar_url it cannot use with a 400 saying why, and changes nothing", async () => {
    const host = site.host;
    const create = (avatarUrl: string) =>
      alice.request("POST", "/api/bots", {
        handle: "never-made",
        server_url: bot.url,
        avatar_url: avatarUrl,
      });
    const refusals: [string, string][] = [
      ["javascript:alert(1)", "avatar_url"],
      ["file:///etc/passwd", "avatar_url"],
      ["data:image/png;base64,iVBORw0KGgo=", "avatar_url"],
      [
        `${site.url}/missing.png`,
        `avatar_url was refused: Could not fetch the image from ${host}: it answered HTTP 404`,
      ],
      [
        `${site.url}/evil.png`,
        `avatar_url was refused: The file at ${host} was refused: SVG images are not accepted`,
      ],
      [`${site.url}/big.png`, `avatar_url was refused: The image at ${host} is larger than 2 MB`],
      ["http://10.0.0.1/face.png", "PARLOR_ALLOWED_BOT_HOSTS"],
      // Plain http from a public host: anyone on the path could swap the image users see.
      ["http://avatars.example.com/face.png", "avatar_url must be an https URL"],
    ];
    for (const [avatarUrl, message] of refusals) {
      const [status, error] = await errorOf(await create(avatarUrl));
      expect([avatarUrl, status, (error as { message: string }).message]).toEqual([
        avatarUrl,
        400,
        expect.stringContaining(message),
      ]);
    }
    expect((await alice.request("GET", "/api/bots/never-made")).status).toBe(404);

    await upload(alice, "faces", PNG_BYTES);
    const before = await shown("faces");
    const patch = await alice.request("PATCH", "/api/bots/faces", {
      description: "Changed",
      avatar_url: `${site.url}/missing.png`,
    });
    expect(patch.status).toBe(400);
    expect(await shown("faces")).toEqual(before);
  });

  it("shows no avatar for a bot whose row still has a URL from before avatars were stored", async () => {
    const { id } = await shown("faces");
    await alice.json("DELETE", "/api/bots/faces/avatar");
    await platform.platform.store.bots.update(id, { avatar_url: "https://tracker.example/a.png" });
    expect((await shown("faces")).avatar_url).toBeNull();
  });
});
