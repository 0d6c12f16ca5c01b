import { request as httpRequest } from "node:http";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

describe("request limits", () => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  // Counted in process, and in Redis when CI provides one (what several instances share).
  const counters: [string, Record<string, string>][] = [["in-process counters", {}]];
  if (process.env.TEST_REDIS_URL)
    counters.push(["Redis counters", { REDIS_URL: process.env.TEST_REDIS_URL }]);

  it.each(counters)(
    "answers 429 with Retry-After past the message rate (%s), storing nothing",
    async (_name, counterEnv) => {
      platform = await startTestPlatform("sqlite", {
        env: { PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: "2", ...counterEnv },
      });
      const alice = await platform.signUp("alice@example.com");
      const { conversation } = await alice.json<{ conversation: { id: string; bot_id: string } }>(
        "POST",
        "/api/conversations",
        {
          bot: "echo",
        },
      );
      const send = () =>
        alice.request("POST", `/api/conversations/${conversation.id}/messages`, { content: "hi" });
      expect((await send()).status).toBe(202);
      expect((await send()).status).toBe(202);
      const refused = await send();
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ error: { code: "rate_limited" } });
      const history = await alice.json<{ messages: unknown[] }>(
        "GET",
        `/api/conversations/${conversation.id}`,
      );
      expect(history.messages).toHaveLength(4);
      if (counterEnv.REDIS_URL) {
        // The count lives in Redis, where every instance would see it.
        const redis = new Redis(counterEnv.REDIS_URL);
        const keys = await redis.keys(`parlor:rate:message:bot:${conversation.bot_id}:*`);
        await redis.quit();
        expect(keys).toHaveLength(1);
      }
    },
  );

  it("answers 413 for a body over the cap", async () => {
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    const response = await alice.request("POST", "/api/conversations", {
      bot: "x".repeat(5 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("counts a chunked body, whose size is not declared, against the same cap", async () => {
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    /** POSTs `body` in chunks, with no Content-Length. */
    const sendChunked = (body: string) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const request = httpRequest(`${platform!.url}/api/conversations`, {
          method: "POST",
          headers: { cookie: alice.cookie, "content-type": "application/json" },
          // A connection of its own: the server closes one whose body it refused.
          agent: false,
        });
        let answered = false;
        request.on("error", reject);
        request.on("response", (response) => {
          answered = true;
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
        });
        // Chunk by chunk, stopping once the server has answered (as a browser stops uploading).
        const writeFrom = (at: number) => {
          if (answered) return;
          if (at >= body.length) return void request.end();
          request.write(body.slice(at, at + 64 * 1024), () => writeFrom(at + 64 * 1024));
        };
        writeFrom(0);
      });

    const tooLarge = await sendChunked(JSON.stringify({ bot: "x".repeat(5 * 1024 * 1024) }));
    expect(tooLarge.status).toBe(413);
    expect(JSON.parse(tooLarge.text)).toMatchObject({ error: { code: "payload_too_large" } });
    const small = await sendChunked(JSON.stringify({ bot: "echo" }));
    expect(small.status).toBe(201);
    expect(JSON.parse(small.text)).toMatchObject({ conversation: { title: "Echo" } });
  });

  it("refuses cookie requests from another site (CSRF) but not API-key requests", async () => {
    platform = await startTestPlatform();
    const alice = await platform.signUp("alice@example.com");
    const crossSite = await alice.request(
      "POST",
      "/api/conversations",
      { bot: "echo" },
      { "sec-fetch-site": "cross-site" },
    );
    expect(crossSite.status).toBe(403);
    const { key } = await alice.json<{ key: string }>("POST", "/api/keys", { name: "script" });
    const withKey = await fetch(`${platform.url}/api/conversations`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
        "sec-fetch-site": "cross-site",
      },
      body: JSON.stringify({ bot: "echo" }),
    });
    expect(withKey.status).toBe(201);
  });
});
