import { describe, expect, test } from "vitest";
import { decideImage, imageProxySource, markdownUrlTransform, safeLinkHref } from "./safe-urls.js";

const page = "https://parlor.example";

describe("safeLinkHref", () => {
  test.each([
    ["https://example.com/a?b=c#d", "https://example.com/a?b=c#d"],
    ["HTTP://Example.com", "http://example.com/"],
    ["mailto:someone@example.com", "mailto:someone@example.com"],
    // Browsers read extra slashes the same way; the rendered href is the normalised one.
    ["https:///example.com", "https://example.com/"],
  ])("keeps %s", (raw, expected) => {
    expect(safeLinkHref(raw)).toBe(expected);
  });

  test.each([
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u0000javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "tel:+100",
    "//evil.example/path",
    "/\\evil.example",
    "/relative/path",
    "#fragment",
    "https:evil.example",
    "https:/evil.example",
    "https://\u200bevil.example",
    "\ufeffhttps://example.com",
    "https://example.com\u2028javascript:alert(1)",
    "",
  ])("rejects %j", (raw) => {
    expect(safeLinkHref(raw)).toBeUndefined();
  });
});

describe("decideImage", () => {
  test("platform files and API resources load inline", () => {
    expect(decideImage("/files/abc.png", page)).toEqual({ kind: "inline", src: "/files/abc.png" });
    expect(decideImage("/api/bots/x/avatar?size=2", page)).toEqual({
      kind: "inline",
      src: "/api/bots/x/avatar?size=2",
    });
    expect(decideImage(`${page}/anything.png`, page)).toEqual({
      kind: "inline",
      src: `${page}/anything.png`,
    });
  });

  test("off-site images wait for a click, naming their host", () => {
    expect(decideImage("https://evil.example/?q=secret", page)).toEqual({
      kind: "on-request",
      url: "https://evil.example/?q=secret",
      host: "evil.example",
    });
    expect(decideImage("http://evil.example:8080/p.png", page)).toMatchObject({
      kind: "on-request",
      host: "evil.example:8080",
    });
  });

  test("a proxy URL written by the bot is treated as the image inside it", () => {
    const proxied = imageProxySource("https://evil.example/?q=secret");
    expect(decideImage(proxied, page)).toEqual({
      kind: "on-request",
      url: "https://evil.example/?q=secret",
      host: "evil.example",
    });
    expect(decideImage("/files/../api/image-proxy?url=https%3A%2F%2Fevil.example", page)).toEqual({
      kind: "on-request",
      url: "https://evil.example/",
      host: "evil.example",
    });
    expect(decideImage("/files/%2e%2e/api/image-proxy?url=https://evil.example", page)).toEqual({
      kind: "on-request",
      url: "https://evil.example/",
      host: "evil.example",
    });
    expect(decideImage("/api/image-proxy?url=javascript:alert(1)", page)).toEqual({
      kind: "blocked",
    });
    expect(decideImage("/api/image-proxy", page)).toEqual({ kind: "blocked" });
  });

  test.each([
    "data:image/png;base64,iVBORw0KGgo=",
    "blob:https://parlor.example/1234",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "//evil.example/files/x.png",
    "/\\evil.example/files/x.png",
    "\\\\evil.example\\share.png",
    "relative.png",
    "/other/path.png",
    " https://evil.example/x.png",
    "ftp://evil.example/x.png",
  ])("never loads %j", (raw) => {
    expect(decideImage(raw, page)).toEqual({ kind: "blocked" });
  });

  test("without a page origin only relative platform paths load inline", () => {
    expect(decideImage("/files/a.png")).toEqual({ kind: "inline", src: "/files/a.png" });
    expect(decideImage(`${page}/files/a.png`)).toMatchObject({ kind: "on-request" });
  });
});

describe("markdownUrlTransform", () => {
  test("drops unsafe hrefs and image sources, keeps the rest", () => {
    expect(markdownUrlTransform("javascript:alert(1)", "href")).toBeUndefined();
    expect(markdownUrlTransform("https://example.com", "href")).toBe("https://example.com/");
    expect(markdownUrlTransform("data:image/png;base64,AA", "src")).toBeUndefined();
    expect(markdownUrlTransform("https://evil.example/x.png", "src")).toBe(
      "https://evil.example/x.png",
    );
    expect(markdownUrlTransform("https://example.com", "cite")).toBeUndefined();
  });
});
