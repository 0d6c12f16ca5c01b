import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  clientAt,
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { misbehavingBots } from "../testing/bots/misbehaving-bots.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

const PASSWORD = "correct horse battery";

interface AdminUser {
  id: string;
  email: string;
  role: "admin" | "user";
  created_at: number;
  disabled_at: number | null;
}

interface AdminBot {
  handle: string;
  visibility: string;
  hidden: boolean;
  owner_email: string;
}

describe.each(TEST_DIALECTS)("the admin API on %s", (dialect) => {
  let platform: TestPlatform;
  let scripted: ScriptedBot;
  let admin: TestClient;
  let bob: TestClient;
  let bobByKey: TestClient;
  let carol: TestClient;
  let carolByKey: TestClient;
  const userIds = { admin: "", bob: "", carol: "" };

  /** A user's API key client, and their id. */
  async function keyOf(client: TestClient) {
    const { key } = await client.json<{ key: string }>("POST", "/api/keys", { name: "tests" });
    const { user } = await client.json<{ user: { id: string } }>("GET", "/api/auth/me");
    return { byKey: clientAt(platform.url, { apiKey: key }), id: user.id };
  }

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    scripted = await startScriptedBot(misbehavingBots.replies(["Hello from Bob's bot"]));
    admin = await platform.signUp("admin@example.com", PASSWORD);
    bob = await platform.signUp("bob@example.com", PASSWORD);
    carol = await platform.signUp("carol@example.com", PASSWORD);
    userIds.admin = (await keyOf(admin)).id;
    ({ byKey: bobByKey, id: userIds.bob } = await keyOf(bob));
    ({ byKey: carolByKey, id: userIds.carol } = await keyOf(carol));
    await registerBot(bob, scripted, { handle: "bobs-secret", visibility: "private" });
    await bob.json("POST", "/api/bots", {
      handle: "bobs-public",
      display_name: "Bob's Public Helper",
      server_url: scripted.url,
      access_key: scripted.accessKey,
    });
  });
  afterAll(async () => {
    await platform.dispose();
    await scripted.close();
  });

  const patchUser = (id: string, body: unknown) =>
    admin.request("PATCH", `/api/admin/users/${id}`, body);

  it("answers everyone but an admin exactly as a route that does not exist", async () => {
    const anonymous = clientAt(platform.url, {});
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/admin/users"],
      ["PATCH", `/api/admin/users/${userIds.bob}`, { role: "admin" }],
      ["GET", "/api/admin/bots?q=bob"],
      ["PATCH", "/api/admin/bots/bobs-secret", { hidden: true }],
      ["PATCH", "/api/admin/bots/bobs-secret", { not: "valid" }],
    ];
    for (const client of [anonymous, bob, bobByKey]) {
      for (const [method, path, body] of routes) {
        const real = await client.request(method, path, body);
        // The same path with one letter changed is a route that does not exist.
        const unknownPath = path.replace("/api/admin/", "/api/admim/");
        const unknown = await client.request(method, unknownPath, body);
        const shown = (await real.text()).replace(path.split("?")[0]!, "<path>");
        const expected = (await unknown.text()).replace(unknownPath.split("?")[0]!, "<path>");
        expect([method, path, real.status, shown]).toEqual([method, path, 404, expected]);
      }
    }
    // Nothing changed.
    const { users } = await admin.json<{ users: AdminUser[] }>("GET", "/api/admin/users");
    expect(users.find((user) => user.id === userIds.bob)?.role).toBe("user");
  });

  it("lists every account newest first, searches emails, and pages with next_cursor", async () => {
    const all = await admin.json<{ users: AdminUser[]; next_cursor: string | null }>(
      "GET",
      "/api/admin/users",
    );
    expect(all.users.map((user) => user.email)).toEqual([
      "carol@example.com",
      "bob@example.com",
      "admin@example.com",
    ]);
    expect(all.users[2]).toEqual({
      id: userIds.admin,
      email: "admin@example.com",
      role: "admin",
      created_at: expect.any(Number) as number,
      disabled_at: null,
      status: "active",
    });
    expect(all.next_cursor).toBeNull();

    const first = await admin.json<{ users: AdminUser[]; next_cursor: string }>(
      "GET",
      "/api/admin/users?limit=2",
    );
    expect(first.users.map((user) => user.email)).toEqual(["carol@example.com", "bob@example.com"]);
    const second = await admin.json<{ users: AdminUser[]; next_cursor: string | null }>(
      "GET",
      `/api/admin/users?limit=2&cursor=${first.next_cursor}`,
    );
    expect(second).toMatchObject({ users: [{ email: "admin@example.com" }], next_cursor: null });

    const found = await admin.json<{ users: AdminUser[] }>("GET", "/api/admin/users?q=BOB");
    expect(found.users.map((user) => user.email)).toEqual(["bob@example.com"]);
    for (const query of ["limit=0", "limit=101", "limit=many", "cursor=not-a-cursor"]) {
      const response = await admin.request("GET", `/api/admin/users?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
    }
  });

  it("disables an account at once: sessions end, API keys stop, login is refused", async () => {
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(200);
    expect((await bobByKey.request("GET", "/v1/models")).status).toBe(200);

    const disabled = await patchUser(userIds.bob, { disabled: true });
    expect(disabled.status).toBe(200);
    const { user } = (await disabled.json()) as { user: AdminUser };
    expect(user).toMatchObject({ id: userIds.bob, email: "bob@example.com", role: "user" });
    expect(user.disabled_at).toEqual(expect.any(Number));

    // Both were used a moment ago, so they sat in the hot-read cache: still refused at once.
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await bobByKey.request("GET", "/api/auth/me")).status).toBe(401);
    expect((await bobByKey.request("GET", "/v1/models")).status).toBe(401);
    const login = await clientAt(platform.url, {}).request("POST", "/api/auth/login", {
      email: "bob@example.com",
      password: PASSWORD,
    });
    expect([login.status, await login.json()]).toEqual([
      403,
      { error: { code: "account_disabled", message: "This account is disabled" } },
    ]);
    // A wrong password learns nothing about the account.
    const wrong = await clientAt(platform.url, {}).request("POST", "/api/auth/login", {
      email: "bob@example.com",
      password: "not the password",
    });
    expect([wrong.status, await wrong.json()]).toMatchObject([
      401,
      { error: { message: "Wrong email or password" } },
    ]);

    // Enabled again: the key works, the old session stays ended, a new login works.
    const enabled = await patchUser(userIds.bob, { disabled: false });
    expect(await enabled.json()).toMatchObject({ user: { disabled_at: null } });
    expect((await bobByKey.request("GET", "/api/auth/me")).status).toBe(200);
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(401);
    bob = await platform.logIn("bob@example.com", PASSWORD);
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("gives and takes the admin role, seen by the user's very next request", async () => {
    const promoted = await patchUser(userIds.carol, { role: "admin" });
    expect(await promoted.json()).toMatchObject({ user: { role: "admin" } });
    expect(await carol.json("GET", "/api/auth/me")).toMatchObject({ user: { role: "admin" } });
    expect((await carolByKey.request("GET", "/api/admin/users")).status).toBe(200);

    await patchUser(userIds.carol, { role: "user" });
    expect(await carol.json("GET", "/api/auth/me")).toMatchObject({ user: { role: "user" } });
    expect((await carolByKey.request("GET", "/api/admin/users")).status).toBe(404);
  });

  it("refuses to let an admin disable or demote themselves, and refuses bad bodies", async () => {
    const answers: [unknown, number, string][] = [
      [{ disabled: true }, 400, "You cannot disable your own account"],
      [{ role: "user" }, 400, "You cannot remove your own admin role"],
    ];
    for (const [body, status, message] of answers) {
      const response = await patchUser(userIds.admin, body);
      expect([status, await response.json()]).toEqual([
        response.status,
        { error: { code: "invalid_request", message, field: Object.keys(body as object)[0] } },
      ]);
    }
    for (const body of [{ role: "owner" }, { disabled: "yes" }, { email: "x@example.com" }])
      expect((await patchUser(userIds.bob, body)).status).toBe(400);
    expect((await patchUser("usr_nobody", { disabled: true })).status).toBe(404);
    expect(await admin.json("GET", "/api/auth/me")).toMatchObject({ user: { role: "admin" } });
  });

  it("lists every bot with its owner's email, private ones too, and searches handles and names", async () => {
    const { bots, next_cursor } = await admin.json<{ bots: AdminBot[]; next_cursor: null }>(
      "GET",
      "/api/admin/bots",
    );
    expect(bots.map((bot) => bot.handle)).toEqual(["bobs-public", "bobs-secret", "echo"]);
    expect(bots[1]).toMatchObject({
      handle: "bobs-secret",
      visibility: "private",
      hidden: false,
      owner_email: "bob@example.com",
    });
    expect(next_cursor).toBeNull();
    const byName = await admin.json<{ bots: AdminBot[] }>("GET", "/api/admin/bots?q=public%20HELP");
    expect(byName.bots.map((bot) => bot.handle)).toEqual(["bobs-public"]);
    const byHandle = await admin.json<{ bots: AdminBot[] }>("GET", "/api/admin/bots?q=secr");
    expect(byHandle.bots.map((bot) => bot.handle)).toEqual(["bobs-secret"]);
    const paged = await admin.json<{ bots: AdminBot[]; next_cursor: string }>(
      "GET",
      "/api/admin/bots?limit=2",
    );
    const rest = await admin.json<{ bots: AdminBot[]; next_cursor: null }>(
      "GET",
      `/api/admin/bots?limit=2&cursor=${paged.next_cursor}`,
    );
    expect([...paged.bots, ...rest.bots].map((bot) => bot.handle)).toEqual([
      "bobs-public",
      "bobs-secret",
      "echo",
    ]);
    expect(rest.next_cursor).toBeNull();
  });

  describe("a hidden bot", () => {
    let carolsConversation = "";

    beforeAll(async () => {
      carolsConversation = await startConversation(carol, "bobs-public");
      const { botMessageId } = await sendMessage(carol, carolsConversation, "Before");
      await readReply(carol, botMessageId);
      const hidden = await admin.request("PATCH", "/api/admin/bots/Bobs-Public", { hidden: true });
      expect(await hidden.json()).toMatchObject({
        bot: { handle: "bobs-public", hidden: true, owner_email: "bob@example.com" },
      });
    });

    it("answers everyone else exactly as a bot that does not exist", async () => {
      const attempts: [string, (handle: string) => string, (handle: string) => unknown][] = [
        ["GET", (handle) => `/api/bots/${handle}`, () => undefined],
        ["POST", () => "/api/conversations", (handle) => ({ bot: handle })],
        ["POST", (handle) => `/bot/${handle}`, () => queryBody("Hi")],
        ["GET", (handle) => `/v1/models/${handle}`, () => undefined],
        [
          "POST",
          () => "/v1/chat/completions",
          (model) => ({ model, messages: [{ role: "user", content: "Hi" }] }),
        ],
      ];
      for (const [method, path, body] of attempts) {
        const answer = async (handle: string) => {
          const response = await carolByKey.request(method, path(handle), body(handle));
          return [response.status, (await response.text()).replaceAll(handle, "<bot>")];
        };
        const [forHidden, forMissing] = [await answer("bobs-public"), await answer("no-such-bot")];
        expect(forHidden[0]).toBe(404);
        expect(forHidden).toEqual(forMissing);
      }
      const { bots } = await carol.json<{ bots: AdminBot[] }>("GET", "/api/bots");
      expect(bots.map((bot) => bot.handle)).not.toContain("bobs-public");
      const { data } = await carolByKey.json<{ data: { id: string }[] }>("GET", "/v1/models");
      expect(data.map((model) => model.id)).not.toContain("bobs-public");
    });

    it("takes no new messages in conversations others had with it, which stay readable", async () => {
      const sent = await carol.request(
        "POST",
        `/api/conversations/${carolsConversation}/messages`,
        {
          content: "After",
        },
      );
      expect([sent.status, await sent.json()]).toEqual([
        404,
        { error: { code: "not_found", message: "Bot not found" } },
      ]);
      const { messages } = await carol.json<{ messages: { content: string }[] }>(
        "GET",
        `/api/conversations/${carolsConversation}`,
      );
      expect(messages.map((message) => message.content)).toEqual([
        "Before",
        "Hello from Bob's bot",
      ]);
    });

    it("is still listed and usable for its owner and for admins", async () => {
      for (const user of [bob, admin]) {
        const { bots } = await user.json<{ bots: AdminBot[] }>("GET", "/api/bots");
        expect(bots.find((bot) => bot.handle === "bobs-public")).toMatchObject({ hidden: true });
        const conversation = await startConversation(user, "bobs-public");
        const { botMessageId } = await sendMessage(user, conversation, "Still here?");
        expect((await readReply(user, botMessageId)).at(-1)?.data).toMatchObject({
          status: "complete",
          text: "Hello from Bob's bot",
        });
      }
    });

    it("is back for everyone once shown again", async () => {
      await admin.json("PATCH", "/api/admin/bots/bobs-public", { hidden: false });
      const { bot } = await carol.json<{ bot: AdminBot }>("GET", "/api/bots/bobs-public");
      expect(bot).toMatchObject({ hidden: false });
      const { bots } = await carol.json<{ bots: AdminBot[] }>("GET", "/api/bots");
      expect(bots.map((listed) => listed.handle)).toContain("bobs-public");
    });
  });
});
