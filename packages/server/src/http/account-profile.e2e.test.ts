import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PNG_BYTES, SVG_BYTES } from "../testing/image-bytes.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** The signed-in user as `/api/auth/me` shows them. */
interface Me {
  id: string;
  email: string;
  display_name: string | null;
  avatar_url: string | null;
}

describe.each(TEST_DIALECTS)("display name and avatar on %s", (dialect) => {
  let platform: TestPlatform;
  let alice: TestClient;
  let bob: TestClient;
  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    alice = await platform.signUp("alice@example.com");
    bob = await platform.signUp("bob@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const me = async (client: TestClient) =>
    (await client.json<{ user: Me }>("GET", "/api/auth/me")).user;
  /** PATCHes the raw JSON text, so a test can send what JSON.stringify would not. */
  const rename = (client: TestClient, json: string) =>
    fetch(`${platform.url}/api/account`, {
      method: "PATCH",
      headers: { cookie: client.cookie, "content-type": "application/json" },
      body: json,
    });
  const uploadAvatar = (client: TestClient, bytes: Buffer) => {
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "image/png" }), "me.png");
    return fetch(`${platform.url}/api/account/avatar`, {
      method: "POST",
      headers: { cookie: client.cookie },
      body: form,
    });
  };
  const messageOf = async (response: Response) =>
    ((await response.json()) as { error: { message: string } }).error.message;

  it("stores a display name trimmed, shows it in /me, and clears it with null or blanks", async () => {
    expect(await me(alice)).toMatchObject({
      email: "alice@example.com",
      display_name: null,
      avatar_url: null,
      has_password: true,
    });
    const renamed = await rename(alice, JSON.stringify({ display_name: "  Alice Liddell  " }));
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { user: Me }).user.display_name).toBe("Alice Liddell");
    expect((await me(alice)).display_name).toBe("Alice Liddell");
    // Login answers with the same user, so the web app shows the name at once.
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "alice@example.com", password: "correct horse battery" }),
    });
    expect(((await login.json()) as { user: Me }).user.display_name).toBe("Alice Liddell");
    expect((await me(bob)).display_name).toBeNull();

    await rename(alice, JSON.stringify({ display_name: "   " }));
    expect((await me(alice)).display_name).toBeNull();
    await rename(alice, JSON.stringify({ display_name: "Alice" }));
    await rename(alice, JSON.stringify({ display_name: null }));
    expect((await me(alice)).display_name).toBeNull();
  });

  it("refuses names too long, with control characters or lone surrogates, and unknown fields", async () => {
    const tooLong = await rename(alice, JSON.stringify({ display_name: "a".repeat(65) }));
    expect(tooLong.status).toBe(400);
    expect(await messageOf(tooLong)).toBe("display_name: at most 64 characters");
    // 64 characters, each two UTF-16 units: fits.
    expect((await rename(alice, JSON.stringify({ display_name: "😀".repeat(64) }))).status).toBe(
      200,
    );
    for (const raw of ['"Al\\u0000ice"', '"Al\\nice"', '"Al\\ud800ice"', '"\\u202Eecila"']) {
      const refused = await rename(alice, `{"display_name": ${raw}}`);
      expect(refused.status, raw).toBe(400);
      expect(await messageOf(refused)).toBe("A display name cannot hold control characters.");
    }
    expect((await rename(alice, JSON.stringify({ display_name: "A", colour: "red" }))).status).toBe(
      400,
    );
    expect((await me(alice)).display_name).toBe("😀".repeat(64));
  });

  it("stores an avatar as bot avatars are, and serves it to signed-in people only", async () => {
    const svg = await uploadAvatar(alice, SVG_BYTES);
    expect(svg.status).toBe(400);
    const tooLarge = await uploadAvatar(
      alice,
      Buffer.concat([PNG_BYTES, Buffer.alloc(2 * 1024 * 1024)]),
    );
    expect(tooLarge.status).toBe(413);
    expect(await messageOf(tooLarge)).toBe("Avatars may be at most 2 MB");
    expect((await me(alice)).avatar_url).toBeNull();

    const uploaded = await uploadAvatar(alice, PNG_BYTES);
    expect(uploaded.status).toBe(200);
    const { avatar_url: avatarUrl, id } = await me(alice);
    expect(avatarUrl).toMatch(new RegExp(`^/api/users/${id}/avatar\\?v=\\d+$`));
    const seenByBob = await bob.request("GET", avatarUrl!);
    expect(seenByBob.status).toBe(200);
    expect(seenByBob.headers.get("content-type")).toBe("image/png");
    expect(seenByBob.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await seenByBob.arrayBuffer())).toEqual(PNG_BYTES);
    expect((await fetch(`${platform.url}${avatarUrl}`)).status).toBe(401);

    // A new upload gets a new URL, so no browser shows the old one from its cache.
    await uploadAvatar(alice, PNG_BYTES);
    expect((await me(alice)).avatar_url).not.toBe(avatarUrl);

    const removed = await alice.request("DELETE", "/api/account/avatar");
    expect(removed.status).toBe(200);
    expect((await me(alice)).avatar_url).toBeNull();
    expect((await bob.request("GET", avatarUrl!)).status).toBe(404);
    expect((await bob.request("GET", `/api/users/${(await me(bob)).id}/avatar`)).status).toBe(404);
  });
});
