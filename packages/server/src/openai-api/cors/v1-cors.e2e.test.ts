import { afterEach, describe, expect, it } from "vitest";
import { startTestPlatform, type TestPlatform } from "../../testing/test-platform.js";

const LISTED = "https://app.example.com";
const UNLISTED = "https://evil.example.net";

describe("CORS for /v1: browser clients on the origins an admin lists", () => {
  let platform: TestPlatform | undefined;
  afterEach(() => platform?.dispose());

  async function start() {
    platform = await startTestPlatform("sqlite", { env: { PARLOR_CORS_ORIGINS: LISTED } });
    const admin = await platform.signUp("admin@example.com");
    const { key } = await admin.json<{ key: string }>("POST", "/api/keys", { name: "browser" });
    return { admin, key };
  }
  const preflight = (origin: string) =>
    fetch(`${platform!.url}/v1/chat/completions`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type, x-stainless-os",
      },
    });

  it("answers a listed origin's preflight, and no other's", async () => {
    await start();
    const allowed = await preflight(LISTED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toBe(
      "authorization, content-type, x-stainless-os",
    );
    expect(allowed.headers.get("access-control-allow-credentials")).toBeNull();
    const refused = await preflight(UNLISTED);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(refused.headers.get("vary")).toContain("Origin");
  });

  it("lets a listed origin read answers, errors and streams; an unlisted one reads nothing", async () => {
    const { key } = await start();
    const get = (origin: string, apiKey = key) =>
      fetch(`${platform!.url}/v1/models`, {
        headers: { origin, authorization: `Bearer ${apiKey}` },
      });
    expect((await get(LISTED)).headers.get("access-control-allow-origin")).toBe(LISTED);
    expect((await get(UNLISTED)).headers.get("access-control-allow-origin")).toBeNull();
    const refusedKey = await get(LISTED, "pk_wrong");
    expect(refusedKey.status).toBe(401);
    expect(refusedKey.headers.get("access-control-allow-origin")).toBe(LISTED);

    const stream = await fetch(`${platform!.url}/v1/chat/completions`, {
      method: "POST",
      headers: {
        origin: LISTED,
        authorization: `Bearer ${key}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        model: "echo",
        stream: true,
        messages: [{ role: "user", content: "hi" }],
      }),
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    expect(stream.headers.get("access-control-allow-origin")).toBe(LISTED);
    expect(await stream.text()).toContain("[DONE]");
  });

  it("takes the origins an admin adds at run time, and refuses a malformed one by field", async () => {
    const { admin } = await start();
    const other = "http://localhost:5173";
    expect((await preflight(other)).headers.get("access-control-allow-origin")).toBeNull();
    const bad = await admin.request("PUT", "/api/admin/cors", { origins: ["not an origin"] });
    expect(bad.status).toBe(400);
    const saved = await admin.request("PUT", "/api/admin/cors", { origins: [other] });
    expect(saved.status).toBe(200);
    // Read at most once a second per instance.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await preflight(other)).headers.get("access-control-allow-origin")).toBe(other);
    expect((await preflight(LISTED)).headers.get("access-control-allow-origin")).toBe(LISTED);
  });
});
