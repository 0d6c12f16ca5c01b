import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { isPostgres } from "../store/database.js";
import {
  readReply,
  registerBot,
  sendMessage,
  startConversation,
} from "../testing/bots/chat-helpers.js";
import { PNG_BYTES } from "../testing/image-bytes.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import {
  clientAt,
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../testing/test-platform.js";

const PASSWORD = "correct horse battery";

describe.each(TEST_DIALECTS)("deleting an account on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  let bot: BotTestServer | undefined;
  afterEach(async () => {
    await platform?.dispose();
    await bot?.close();
    platform = bot = undefined;
  });

  const idOf = async (client: TestClient) =>
    (await client.json<{ user: { id: string } }>("GET", "/api/auth/me")).user.id;

  async function uploadFile(client: TestClient, text: string): Promise<string> {
    const form = new FormData();
    form.append("file", new Blob([text], { type: "text/plain" }), "notes.txt");
    const response = await fetch(`${platform!.url}/api/files`, {
      method: "POST",
      headers: { cookie: client.cookie },
      body: form,
    });
    return ((await response.json()) as { file: { id: string } }).file.id;
  }

  async function uploadAvatar(client: TestClient, path: string): Promise<void> {
    const form = new FormData();
    form.append("file", new Blob([PNG_BYTES], { type: "image/png" }), "me.png");
    const response = await fetch(`${platform!.url}${path}`, {
      method: "POST",
      headers: { cookie: client.cookie },
      body: form,
    });
    expect(response.status).toBe(200);
  }

  /** Sends a message and reads the reply to its end, so the call log has it. */
  async function chat(client: TestClient, handle: string, content: string) {
    const conversationId = await startConversation(client, handle);
    const { botMessageId } = await sendMessage(client, conversationId, content);
    await readReply(client, botMessageId);
    return conversationId;
  }

  /** Every row of every table of the platform's own, as JSON text per table. */
  async function everyTable(): Promise<Record<string, string>> {
    const db = platform!.database.handle.db;
    const tables = isPostgres(db)
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_name not like 'kysely_%'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
          db,
        );
    const dump: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(db);
      dump[name] = JSON.stringify(rows.rows);
    }
    return dump;
  }

  it("removes the person and all of theirs, everywhere, and leaves everyone else's", async () => {
    bot = await createBotTestServer(
      defineBot({
        async *onQuery(request) {
          yield `You said: ${request.query.at(-1)?.content ?? ""}`;
        },
      }),
    );
    platform = await startTestPlatform(dialect);
    const admin = await platform.signUp("admin@example.com", PASSWORD);
    const bob = await platform.signUp("bob@example.com", PASSWORD);
    const carol = await platform.signUp("carol@example.com", PASSWORD);
    const bobId = await idOf(bob);

    // Bob: a public bot with an avatar, chats with it and with echo, a file, a key, an avatar.
    await registerBot(bob, bot, { handle: "bobs-bot", visibility: "public" });
    const bobsBot = (await bob.json<{ bot: { id: string } }>("GET", "/api/bots/bobs-bot")).bot;
    await uploadAvatar(bob, "/api/bots/bobs-bot/avatar");
    await uploadAvatar(bob, "/api/account/avatar");
    const bobsConversations = [
      await chat(bob, "bobs-bot", "bob to his bot"),
      await chat(bob, "echo", "bob to echo"),
    ];
    const bobsFile = await uploadFile(bob, "bob's secret notes");
    const { key: bobsKey } = await bob.json<{ key: string }>("POST", "/api/keys", { name: "k" });
    await bob.json("PATCH", "/api/account", { display_name: "Bobby Tables" });
    // A call through the OpenAI API is logged with no message, only who made it.
    const completion = await clientAt(platform.url, { apiKey: bobsKey }).request(
      "POST",
      "/v1/chat/completions",
      { model: "echo", messages: [{ role: "user", content: "bob through v1" }] },
    );
    expect(completion.status).toBe(200);
    // Carol talks to Bob's bot and to echo, and has a file of her own.
    const carolWithBobsBot = await chat(carol, "bobs-bot", "carol to bob's bot");
    const carolWithEcho = await chat(carol, "echo", "carol to echo");
    const carolsFile = await uploadFile(carol, "carol's notes");
    await platform.platform.callLog.flush();
    const filesDir = join(platform.database.dataDir, "files");
    const filesBefore = readdirSync(filesDir).length;
    expect(filesBefore).toBe(2);

    // Before: Bob is in the call log and its details, both avatar tables, messages and files.
    const before = await everyTable();
    for (const table of ["bot_calls", "sessions", "api_keys", "user_avatars", "files"])
      expect(before[table], table).toContain(bobId);
    expect(before.bot_call_details).toContain("bob to echo");
    expect(before.bot_avatars).toContain(bobsBot.id);

    const wrong = await bob.request("DELETE", "/api/account", { password: "not it at all" });
    expect(wrong.status).toBe(403);
    const unconfirmed = await bob.request("DELETE", "/api/account", {});
    expect(unconfirmed.status).toBe(400);
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(200);

    const deleted = await bob.request("DELETE", "/api/account", { password: PASSWORD });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ok: true });
    expect(deleted.headers.get("set-cookie")).toMatch(/^parlor_session=;.*Max-Age=0/);

    // Nothing of Bob is left in any table, nor his file on disk.
    const dump = await everyTable();
    for (const needle of [
      bobId,
      "bob@example.com",
      "Bobby Tables",
      bobsBot.id,
      bobsFile,
      ...bobsConversations,
      carolWithBobsBot,
      "bob to echo",
      "carol to bob's bot",
      "bob through v1",
    ]) {
      const holding = Object.keys(dump).filter((table) => dump[table]!.includes(needle));
      expect(holding, needle).toEqual([]);
    }
    expect(readdirSync(filesDir)).toHaveLength(filesBefore - 1);
    // He is signed out everywhere, his key refused, his bot gone from everyone's list.
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(401);
    expect(
      (await clientAt(platform.url, { apiKey: bobsKey }).request("GET", "/api/auth/me")).status,
    ).toBe(401);
    const { bots } = await carol.json<{ bots: { handle: string }[] }>("GET", "/api/bots");
    expect(bots.map((listed) => listed.handle)).not.toContain("bobs-bot");
    expect((await carol.request("GET", "/api/bots/bobs-bot")).status).toBe(404);
    expect(
      (
        await bob.request("POST", "/api/auth/login", {
          email: "bob@example.com",
          password: PASSWORD,
        })
      ).status,
    ).toBe(401);

    // Carol's own chat and file, and the admin, are as they were.
    const { messages } = await carol.json<{ messages: { content: string }[] }>(
      "GET",
      `/api/conversations/${carolWithEcho}`,
    );
    expect(messages.map((message) => message.content)).toContain("carol to echo");
    expect(dump.files).toContain(carolsFile);
    expect((await carol.request("GET", "/api/auth/me")).status).toBe(200);
    expect((await admin.request("GET", "/api/auth/me")).status).toBe(200);
    expect(existsSync(filesDir)).toBe(true);
  });

  it("lets an admin delete an account, but not their own, and not one that does not exist", async () => {
    platform = await startTestPlatform(dialect);
    const admin = await platform.signUp("admin@example.com", PASSWORD);
    const bob = await platform.signUp("bob@example.com", PASSWORD);
    const adminId = await idOf(admin);
    const bobId = await idOf(bob);

    const own = await admin.request("DELETE", `/api/admin/users/${adminId}`);
    expect(own.status).toBe(400);
    expect(await own.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "You cannot delete your own account here: delete it from your account page",
      },
    });
    expect((await admin.request("DELETE", "/api/admin/users/usr_nobody")).status).toBe(404);
    expect((await admin.request("DELETE", "/api/admin/users/usr_system")).status).toBe(404);
    expect((await bob.request("DELETE", `/api/admin/users/${adminId}`)).status).toBe(404);

    const deleted = await admin.request("DELETE", `/api/admin/users/${bobId}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ ok: true });
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(401);
    const { users } = await admin.json<{ users: { email: string }[] }>("GET", "/api/admin/users");
    expect(users.map((user) => user.email)).toEqual(["admin@example.com"]);
    expect((await admin.request("DELETE", `/api/admin/users/${bobId}`)).status).toBe(404);
  });

  it("keeps the last admin: they cannot delete themselves until another admin exists", async () => {
    platform = await startTestPlatform(dialect);
    const admin = await platform.signUp("admin@example.com", PASSWORD);
    const bob = await platform.signUp("bob@example.com", PASSWORD);
    const refused = await admin.request("DELETE", "/api/account", { password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      "This is the last admin: make another account an admin before deleting this one",
    );
    expect((await admin.request("GET", "/api/auth/me")).status).toBe(200);

    await admin.json("PATCH", `/api/admin/users/${await idOf(bob)}`, { role: "admin" });
    expect((await admin.request("DELETE", "/api/account", { password: PASSWORD })).status).toBe(
      200,
    );
    expect((await bob.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("asks an account without a password to confirm with its email", async () => {
    platform = await startTestPlatform(dialect);
    await platform.signUp("admin@example.com", PASSWORD);
    const sso = await platform.signUp("sso@example.com", PASSWORD);
    // As an account made by single sign-on would be: no password to type.
    await platform.database.handle.db
      .updateTable("users")
      .set({ password_hash: "" })
      .where("email", "=", "sso@example.com")
      .execute();
    const { user } = await sso.json<{ user: { has_password: boolean } }>("GET", "/api/auth/me");
    expect(user.has_password).toBe(false);
    const withPassword = await sso.request("DELETE", "/api/account", { password: PASSWORD });
    expect(withPassword.status).toBe(400);
    expect(((await withPassword.json()) as { error: { message: string } }).error.message).toBe(
      "Type your email to delete your account.",
    );
    expect(
      (await sso.request("DELETE", "/api/account", { confirm: "other@example.com" })).status,
    ).toBe(400);
    expect(
      (await sso.request("DELETE", "/api/account", { confirm: "SSO@example.com" })).status,
    ).toBe(200);
    expect((await sso.request("GET", "/api/auth/me")).status).toBe(401);
  });
});
