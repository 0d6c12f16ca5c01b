import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerBot, sendMessage, startConversation } from "../testing/bots/chat-helpers.js";
import { startScriptedBot, type ScriptedBot } from "../testing/bots/scripted-bot-server.js";
import { servedRoutes, type ServedRoute } from "../testing/served-routes.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";
import { createApp } from "./app.js";

/** Wording of libraries and parsers that must never reach a user. */
const LIBRARY_WORDING =
  /✖|→ at|Invalid input|Unrecognized key|[Ee]xpected|received|Too (big|small)|ZodError|SyntaxError|at position|Unexpected token/;

/** The platform's documented error body: `{error: {code, message, field?}}` and nothing else. */
function expectPlatformShape(what: string, body: unknown): void {
  expect.soft(body, what).toEqual({
    error: {
      code: expect.stringMatching(/^[a-z][a-z_]*$/),
      message: expect.any(String),
      ...((body as { error?: { field?: unknown } })?.error?.field === undefined
        ? {}
        : { field: expect.stringMatching(/^[\w.]+$/) }),
    },
  });
}

/** OpenAI's error body, which `/v1` answers with: `{error: {message, type, code, param}}`. */
function expectOpenAIShape(what: string, body: unknown): void {
  expect.soft(body, what).toEqual({
    error: {
      message: expect.any(String),
      type: expect.stringMatching(/_error$/),
      code: expect.any(String),
      param: expect.toSatisfy((param) => param === null || typeof param === "string"),
    },
  });
}

/** The bodies every route is sent: none, not JSON, not an object, unknown fields, wrong types. */
const BAD_BODIES: [string, string | undefined, string][] = [
  ["no body", undefined, "application/json"],
  ["malformed JSON", "{", "application/json"],
  ["a list", "[1, 2]", "application/json"],
  ["a string", '"text"', "application/json"],
  ["null", "null", "application/json"],
  ["unknown fields", '{"colour": "red", "nested": {"deep": [1]}}', "application/json"],
  [
    "wrong types",
    JSON.stringify(
      Object.fromEntries(
        [
          "name",
          "handle",
          "email",
          "password",
          "title",
          "content",
          "bot",
          "url",
          "server_url",
          "reaction",
          "type",
          "hidden",
          "role",
          "disabled",
          "model",
          "messages",
          "query",
          "access_key",
          "amounts",
          "parameters",
          "attachments",
          "parent_id",
          "display_name",
        ].map((name) => [name, { wrong: [name] }]),
      ),
    ),
    "application/json",
  ],
  ["plain text", "hello", "text/plain"],
  ["a form", "name=x", "application/x-www-form-urlencoded"],
];

describe("every route answers errors in the documented shape", () => {
  let platform: TestPlatform;
  let bot: ScriptedBot;
  let routes: ServedRoute[];
  const credentials: Record<string, Record<string, string>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "100000" },
    });
    bot = await startScriptedBot();
    const alice = await platform.signUp("alice@example.com");
    const { key } = await alice.json<{ key: string; id: string }>("POST", "/api/keys", {});
    await registerBot(alice, bot, { handle: "shape-bot" });
    const conversationId = await startConversation(alice, "shape-bot");
    const { botMessageId } = await sendMessage(alice, conversationId, "hello");
    credentials.none = {};
    credentials.cookie = { cookie: alice.cookie };
    credentials.apiKey = { authorization: `Bearer ${key}` };
    credentials.botKey = { authorization: `Bearer ${bot.accessKey}` };
    credentials.wrongKey = { authorization: "Bearer pk_not-a-real-key" };
    Object.assign(ids, {
      conversationId,
      botMessageId,
      handle: "shape-bot",
      accessKey: bot.accessKey,
    });
    routes = servedRoutes(createApp(platform.platform).routes);
  });
  afterAll(async () => {
    await bot.close();
    await platform.dispose();
  });

  /** A route's path with its parameters filled: real objects of Alice's, or ones that do not exist. */
  function concrete(path: string, real: boolean): string {
    return path.replace(/:(\w+)(\{[^}]*\})?/g, (_match, name: string) => {
      if (!real) return `missing-${name}`;
      if (path.startsWith("/api/conversations")) return ids.conversationId!;
      if (path.startsWith("/api/messages")) return ids.botMessageId!;
      if (name === "key") return ids.accessKey!;
      if (name === "handle" || name === "name" || name === "model") return ids.handle!;
      return `missing-${name}`;
    });
  }

  /** Whether sending this request could end the session or delete what the others use. */
  function destroys(route: ServedRoute, real: boolean, credential: string): boolean {
    if (route.path === "/api/auth/logout") return credential === "cookie";
    return real && route.method === "DELETE";
  }

  async function check(
    route: ServedRoute,
    path: string,
    credential: string,
    body: string | undefined,
    contentType: string,
    label: string,
  ): Promise<number> {
    const response = await fetch(`${platform.url}${path}`, {
      method: route.method,
      headers: { ...credentials[credential], "content-type": contentType },
      ...(body === undefined || route.method === "GET" ? {} : { body }),
    });
    const what = `${route.method} ${path} (${credential}, ${label}) → ${response.status}`;
    if (response.ok || response.status === 304) {
      await response.body?.cancel();
      return response.status;
    }
    expect.soft(response.headers.get("content-type"), what).toMatch(/^application\/json/);
    const parsed = (await response.json()) as { error: { message: string } };
    if (path.startsWith("/v1")) expectOpenAIShape(what, parsed);
    else expectPlatformShape(what, parsed);
    expect.soft(parsed.error.message, what).not.toMatch(LIBRARY_WORDING);
    expect(parsed.error.message.length, what).toBeGreaterThan(3);
    return response.status;
  }

  it("for every route, credential and bad body", { timeout: 120_000 }, async () => {
    expect(routes.length).toBeGreaterThan(40);
    const statuses = new Set<number>();
    for (const route of routes) {
      for (const real of [false, true]) {
        const path = concrete(route.path, real);
        for (const credential of Object.keys(credentials)) {
          if (destroys(route, real, credential)) continue;
          // Every bad body with the user's cookie and with no credentials; one with the others.
          const bodies = ["cookie", "none"].includes(credential)
            ? BAD_BODIES
            : BAD_BODIES.slice(1, 2);
          for (const [label, body, contentType] of bodies)
            statuses.add(await check(route, path, credential, body, contentType, label));
        }
      }
    }
    // The sweep reached refusals of every kind, not only 404s.
    for (const status of [400, 401, 404]) expect(statuses).toContain(status);
  });

  it("for unknown routes and methods, body limits, CSRF and rate limits", async () => {
    const statuses: number[] = [];
    const send = async (path: string, init: RequestInit, label: string) => {
      const response = await fetch(`${platform.url}${path}`, init);
      const parsed = (await response.json()) as { error: { message: string } };
      const what = `${init.method} ${path} (${label}) → ${response.status}`;
      if (path.startsWith("/v1")) expectOpenAIShape(what, parsed);
      else expectPlatformShape(what, parsed);
      expect.soft(parsed.error.message, what).not.toMatch(LIBRARY_WORDING);
      statuses.push(response.status);
    };
    const json = { "content-type": "application/json", ...credentials.cookie };
    for (const method of ["PUT", "PATCH", "DELETE", "POST"])
      for (const path of ["/api/nothing-here", "/api/keys/x/y", "/v1/nothing", "/bot", "/files"])
        await send(path, { method, headers: json }, "no such route");
    await send("/api/bots", { method: "PUT", headers: json, body: "{}" }, "wrong method");
    await send(
      "/api/conversations",
      { method: "POST", headers: json, body: JSON.stringify({ bot: "x".repeat(5 * 1024 * 1024) }) },
      "too large",
    );
    await send(
      "/v1/chat/completions",
      {
        method: "POST",
        headers: { ...json, ...credentials.apiKey },
        body: JSON.stringify({ model: "x".repeat(5 * 1024 * 1024) }),
      },
      "too large",
    );
    await send(
      "/api/keys",
      { method: "POST", headers: { ...json, origin: "https://evil.example" }, body: "{}" },
      "cross-site",
    );
    for (let attempt = 0; attempt < 12; attempt++)
      await send(
        "/api/auth/login",
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "nobody@example.com", password: "wrong password" }),
        },
        "wrong password",
      );
    for (const status of [401, 403, 404, 413, 429]) expect(statuses).toContain(status);
  });
});
