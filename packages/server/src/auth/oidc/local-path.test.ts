import { describe, expect, it } from "vitest";
import { localPath } from "./local-path.js";

describe("the page a sign-in returns to", () => {
  it("is a path of the platform, with its query", () => {
    expect(localPath("/c/abc?x=1#reply")).toBe("/c/abc?x=1#reply");
    expect(localPath("/")).toBe("/");
  });

  it("is never another site, however the browser might read it", () => {
    for (const elsewhere of [
      undefined,
      "",
      "https://evil.example/",
      "evil.example",
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/ /evil.example",
      "/a\\..\\..\\evil",
    ])
      expect(localPath(elsewhere), JSON.stringify(elsewhere)).toBe("/");
  });
});
