import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AVIF_BYTES, PNG_BYTES, SVG_BYTES } from "../testing/image-bytes.js";
import { startImageSite, type ImageSite } from "../testing/image-site.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

describe("GET /api/image-proxy", () => {
  let platform: TestPlatform;
  let alice: TestClient;
  let site: ImageSite;

  beforeAll(async () => {
    platform = await startTestPlatform();
    alice = await platform.signUp("alice@example.com");
    site = await startImageSite(
      {
        "/cat.png": ["image/png", PNG_BYTES],
        "/cat.avif": ["application/octet-stream", AVIF_BYTES],
        "/cat.svg": ["image/svg+xml", SVG_BYTES],
        "/page.html": ["image/png", Buffer.from("<!doctype html><p>Not an image</p>")],
        "/huge.png": ["image/png", Buffer.concat([PNG_BYTES, Buffer.alloc(5 * 1024 * 1024)])],
      },
      { "/moved": "/cat.png" },
    );
  });
  afterAll(async () => {
    await platform.dispose();
    site.close();
  });

  const proxied = (url: string, client: TestClient | null = alice) =>
    fetch(`${platform.url}/api/image-proxy?url=${encodeURIComponent(url)}`, {
      headers: client ? { cookie: client.cookie, referer: `${platform.url}/c/conv_secret` } : {},
    });

  async function errorOf(response: Response) {
    return [response.status, ((await response.json()) as { error: unknown }).error];
  }

  it("serves another site's image to a signed-in user, so that nothing in it can run", async () => {
    site.received.length = 0;
    const response = await proxied(`${site.url}/cat.png?size=large`);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(PNG_BYTES.length),
      "x-content-type-options": "nosniff",
      "content-disposition": "inline",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, max-age=3600",
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG_BYTES);
    // The other site sees the platform: not the user's cookie, nor the page they were on.
    expect(site.received).toHaveLength(1);
    expect(site.received[0]!.path).toBe("/cat.png?size=large");
    expect(site.received[0]!.headers).not.toHaveProperty("cookie");
    expect(site.received[0]!.headers).not.toHaveProperty("referer");
  });

  it("reads the type from the bytes, whatever the site declared", async () => {
    const response = await proxied(`${site.url}/cat.avif`);
    expect(response.headers.get("content-type")).toBe("image/avif");
  });

  it("fetches nothing for a visitor who is not signed in", async () => {
    site.received.length = 0;
    expect((await proxied(`${site.url}/cat.png`, null)).status).toBe(401);
    expect(site.received).toEqual([]);
  });

  it("answers 502 with the reason when the other site sends no image it may pass on", async () => {
    const failures: [string, string][] = [
      [
        "/cat.svg",
        `The file at ${site.host} was refused: SVG images are not accepted (they can carry scripts); use PNG, JPEG, GIF, WebP or AVIF`,
      ],
      [
        "/page.html",
        `The file at ${site.host} was refused: not a PNG, JPEG, GIF, WebP or AVIF image`,
      ],
      ["/gone.png", `Could not fetch the image from ${site.host}: it answered HTTP 404`],
      [
        "/moved",
        `Could not fetch the image from ${site.host}: 127.0.0.1 answered 302 with a redirect to /cat.png`,
      ],
      ["/huge.png", `The image at ${site.host} is larger than 5 MB`],
    ];
    for (const [path, message] of failures) {
      const [status, error] = await errorOf(await proxied(`${site.url}${path}`));
      expect([path, status, error]).toEqual([
        path,
        502,
        { code: "image_unavailable", message: expect.stringContaining(message) as string },
      ]);
    }
  });

  it("answers 400 for a URL it may not fetch at all", async () => {
    const refusals: [string, string][] = [
      ["javascript:alert(1)", "must be an http(s) URL"],
      ["http://169.254.169.254/latest/meta-data/", "PARLOR_ALLOWED_BOT_HOSTS"],
    ];
    for (const [url, message] of refusals) {
      const [status, error] = await errorOf(await proxied(url));
      expect([url, status, error]).toEqual([
        url,
        400,
        expect.objectContaining({
          code: "invalid_request",
          message: expect.stringContaining(message) as string,
        }),
      ]);
    }
    const missing = await fetch(`${platform.url}/api/image-proxy`, {
      headers: { cookie: alice.cookie },
    });
    expect(missing.status).toBe(400);
  });
});
