import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBot, startConversation, sendMessage } from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import {
  clientAt,
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../testing/test-platform.js";

/** A status and the platform's error body. */
async function failure(response: Response) {
  const body = (await response.json()) as {
    error: { code: string; message: string; field?: string };
  };
  return { status: response.status, ...body.error };
}

/** JSON nested `depth` lists deep. */
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

describe.each(TEST_DIALECTS)("input validation on %s", (dialect) => {
  let platform: TestPlatform;
  let bot: ScriptedBot;
  let alice: TestClient;
  let bob: TestClient;
  let apiKey: string;
  let conversationId: string;
  let replyId: string;

  beforeAll(async () => {
    platform = await startTestPlatform(dialect);
    bot = await startScriptedBot();
    alice = await platform.signUp("alice@example.com");
    bob = await platform.signUp("bob@example.com");
    ({ key: apiKey } = await alice.json<{ key: string }>("POST", "/api/keys", { name: "tests" }));
    await registerBot(alice, bot, { handle: "hidden-helper", visibility: "private" });
    conversationId = await startConversation(alice, "echo");
    ({ botMessageId: replyId } = await sendMessage(alice, conversationId, "hello"));
  });
  afterAll(async () => {
    await bot.close();
    await platform.dispose();
  });

  it("answers a private bot's handle exactly as any taken handle, and still 404s it", async () => {
    const take = (handle: string) =>
      bob.request("POST", "/api/bots", { handle, server_url: bot.url });
    const privateOne = await failure(await take("hidden-helper"));
    const publicOne = await failure(await take("echo"));
    expect(privateOne).toEqual({
      status: 409,
      code: "conflict",
      message: "This handle is not available",
    });
    expect(publicOne).toEqual(privateOne);
    expect((await bob.request("GET", "/api/bots/hidden-helper")).status).toBe(404);
  });

  it("creates an API key only from no body or an object with a short name", async () => {
    for (const body of ["[1]", '"name"', "5", "null", "{"]) {
      const response = await fetch(`${platform.url}/api/keys`, {
        method: "POST",
        headers: { cookie: alice.cookie, "content-type": "application/json" },
        body,
      });
      expect([body, response.status]).toEqual([body, 400]);
    }
    const long = await failure(await alice.request("POST", "/api/keys", { name: "k".repeat(101) }));
    expect(long).toMatchObject({ status: 400, field: "name" });
    const unknown = await failure(await alice.request("POST", "/api/keys", { colour: "red" }));
    expect(unknown).toMatchObject({
      status: 400,
      field: "colour",
      message: 'Unknown field "colour"',
    });
    const unnamed = await alice.request("POST", "/api/keys");
    expect(unnamed.status).toBe(201);
    const { keys } = await alice.json<{ keys: { name: string }[] }>("GET", "/api/keys");
    expect(keys.map((key) => key.name)).toContain("API key");
    expect(keys.map((key) => key.name)).not.toContain("k".repeat(101));
  });

  it("caps emails at 254 characters", async () => {
    const signUp = (email: string) =>
      clientAt(platform.url, {}).request("POST", "/api/auth/signup", {
        email,
        password: "correct horse battery",
      });
    const at = (length: number) => `${"a".repeat(length - "@example.com".length)}@example.com`;
    for (const length of [255, 10_000])
      expect(await failure(await signUp(at(length)))).toMatchObject({
        status: 400,
        field: "email",
      });
    expect((await signUp(at(254))).status).toBe(201);
  });

  it("caps free text and refuses lone surrogates in what users type", async () => {
    const refusals: [string, string, unknown, string][] = [
      ["POST", `/api/messages/${replyId}/reaction`, { reaction: "\ud83d" }, "reaction"],
      ["POST", `/api/messages/${replyId}/reaction`, { reaction: "x".repeat(33) }, "reaction"],
      ["PATCH", `/api/conversations/${conversationId}`, { title: "a\udc00b" }, "title"],
      ["PATCH", `/api/conversations/${conversationId}`, { title: "t".repeat(201) }, "title"],
      [
        "POST",
        `/api/conversations/${conversationId}/messages`,
        { content: "hi \ud800" },
        "content",
      ],
      [
        "POST",
        `/api/conversations/${conversationId}/messages`,
        { content: "m".repeat(100_001) },
        "content",
      ],
      ["PATCH", "/api/bots/hidden-helper", { display_name: "\udfff" }, "display_name"],
      ["PATCH", "/api/bots/hidden-helper", { description: "d".repeat(2001) }, "description"],
      ["PATCH", "/api/bots/hidden-helper", { greeting: "g".repeat(4001) }, "greeting"],
    ];
    for (const [method, path, body, field] of refusals) {
      const answer = await failure(await alice.request(method, path, body));
      expect([path, answer.status, answer.code, answer.field]).toEqual([
        path,
        400,
        "invalid_request",
        field,
      ]);
      expect(answer.message).toMatch(new RegExp(`^${field} `));
    }
    // A well-formed emoji is one character, not a lone surrogate.
    expect(
      (await alice.request("POST", `/api/messages/${replyId}/reaction`, { reaction: "👍" })).status,
    ).toBe(200);
  });

  it("refuses avatar_url schemes other than http(s) on create and update", async () => {
    for (const avatarUrl of [
      "javascript:alert(1)",
      "file:///etc/passwd",
      "data:image/png;base64,iVBORw0KGgo=",
    ]) {
      const created = await failure(
        await alice.request("POST", "/api/bots", {
          handle: "faceless",
          server_url: bot.url,
          avatar_url: avatarUrl,
        }),
      );
      expect([avatarUrl, created.status, created.field]).toEqual([avatarUrl, 400, "avatar_url"]);
      const updated = await failure(
        await alice.request("PATCH", "/api/bots/hidden-helper", { avatar_url: avatarUrl }),
      );
      expect([avatarUrl, updated.status, updated.field]).toEqual([avatarUrl, 400, "avatar_url"]);
    }
  });

  it("refuses JSON nested deeper than 64 levels on every API, each in its own shape", async () => {
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${platform.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
    const cookie = { cookie: alice.cookie };
    const bearer = { authorization: `Bearer ${apiKey}` };
    const chat = await post(
      `/api/conversations/${conversationId}/messages`,
      `{"content":"hi","parameters":{"deep":${nested(50_000)}}}`,
      cookie,
    );
    expect(await failure(chat)).toMatchObject({
      status: 400,
      code: "invalid_request",
      message: expect.stringContaining("64 levels"),
    });
    const openai = await post(
      "/v1/chat/completions",
      `{"model":"echo","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"deep":${nested(50_000)}}}}]}`,
      bearer,
    );
    expect(openai.status).toBe(400);
    expect(await openai.json()).toMatchObject({
      error: { type: "invalid_request_error", message: expect.stringContaining("64 levels") },
    });
    const poe = await post("/bot/echo", `{"type":"query","query":${nested(50_000)}}`, bearer);
    expect(await failure(poe)).toMatchObject({
      status: 400,
      message: expect.stringContaining("64 levels"),
    });
    // 64 levels are fine: the body is refused for what it says, not for its depth.
    const shallow = await post(
      `/api/conversations/${conversationId}/messages`,
      `{"content":"hi","parameters":{"deep":${nested(62)}}}`,
      cookie,
    );
    expect(shallow.status).toBe(202);
  });

  it("reduces upload names to a base name, in the stored file and its Content-Disposition", async () => {
    const form = new FormData();
    form.append("file", new Blob(["hello"], { type: "text/plain" }), "../../etc/passwd");
    const uploaded = await fetch(`${platform.url}/api/files`, {
      method: "POST",
      headers: { cookie: alice.cookie },
      body: form,
    });
    expect(((await uploaded.json()) as { file: { name: string } }).file.name).toBe("passwd");

    const botForm = new FormData();
    botForm.append("file", new Blob(["hello"], { type: "text/plain" }), "x.txt");
    botForm.append("download_filename", "..\\..\\windows\\system32\\evil\u0007.txt");
    const fromBot = await fetch(`${platform.url}/bot/file_upload_3RD_PARTY_POST`, {
      method: "POST",
      headers: { authorization: bot.accessKey },
      body: botForm,
    });
    const { attachment_url: url } = (await fromBot.json()) as { attachment_url: string };
    const served = await fetch(url);
    expect(served.headers.get("content-disposition")).toBe("inline; filename*=UTF-8''evil.txt");
  });
});
