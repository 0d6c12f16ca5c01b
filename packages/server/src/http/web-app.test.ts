import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { webAppRoutes } from "./web-app.js";

/** A build folder like Vite's: an index with the nonce placeholder, and one hashed asset. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "parlor-web-"));
  mkdirSync(join(dir, "assets"));
  writeFileSync(
    join(dir, "index.html"),
    '<html><head><script type="module" src="/assets/app-1.js" nonce="PARLOR_CSP_NONCE"></script></head></html>',
  );
  writeFileSync(join(dir, "assets", "app-1.js"), "console.log('app');".repeat(50));
  writeFileSync(join(dir, "secret.txt"), "outside the build? no, inside; but see traversal below");
  return dir;
}

describe("the web app's pages", () => {
  const app = webAppRoutes(fakeBuild());

  it("answers a client route with index.html under a strict CSP whose nonce is on the script", async () => {
    const response = await app.request("/c/conv_123");
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(await response.text()).toContain(`nonce="${nonce}"`);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("asks the browser to fetch a conversation page's data while the script loads", async () => {
    const link = (await app.request("/c/conv_AbC-12")).headers.get("link")!;
    expect(link).toContain("</api/auth/me>; rel=preload; as=fetch; crossorigin");
    expect(link).toContain("</api/conversations/conv_AbC-12>; rel=preload");
    // Anything else in the path is not echoed into a header.
    const odd = (await app.request("/c/conv_x%0d%0aSet-Cookie:%20a=b")).headers.get("link")!;
    expect(odd).toBe("</api/auth/me>; rel=preload; as=fetch; crossorigin");
  });

  it("gives every page load a new nonce", async () => {
    const first = (await app.request("/")).headers.get("content-security-policy");
    const second = (await app.request("/")).headers.get("content-security-policy");
    expect(first).not.toBe(second);
  });

  it("serves hashed assets compressed and cached for a year", async () => {
    const response = await app.request("/assets/app-1.js", {
      headers: { "accept-encoding": "gzip, br" },
    });
    expect(response.headers.get("content-encoding")).toBe("br");
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(response.headers.get("content-type")).toContain("text/javascript");
    const body = brotliDecompressSync(Buffer.from(await response.arrayBuffer())).toString();
    expect(body).toBe("console.log('app');".repeat(50));
  });

  it("never serves a file outside the build folder", async () => {
    const response = await app.request("/assets/..%2F..%2F..%2Fetc%2Fpasswd");
    expect(await response.text()).not.toContain("root:");
  });

  it("leaves API paths to the API", async () => {
    const response = await app.request("/api/nothing-here");
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("<html");
  });

  it("says how to build the app when there is no build", async () => {
    const response = await webAppRoutes(join(tmpdir(), "no-such-build")).request("/");
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("npm run build");
  });
});
