import { describe, expect, it } from "vitest";
import { webOrigin } from "./web-origin.js";

describe("webOrigin", () => {
  it("takes origins as browsers send them, normalized", () => {
    expect(webOrigin("https://app.example.com")).toBe("https://app.example.com");
    expect(webOrigin(" HTTPS://App.Example.com/ ")).toBe("https://app.example.com");
    expect(webOrigin("http://localhost:5173")).toBe("http://localhost:5173");
    expect(webOrigin("https://a.example:443")).toBe("https://a.example");
    expect(webOrigin("http://[::1]:8080")).toBe("http://[::1]:8080");
  });

  it("refuses what is not exactly an origin", () => {
    for (const value of [
      "*",
      "https://*.example.com",
      "app.example.com",
      "ftp://example.com",
      "https://example.com/path",
      "https://example.com?x=1",
      "https://example.com#top",
      "https://user:pass@example.com",
      "null",
      "",
    ]) {
      expect(webOrigin(value), value).toBeUndefined();
    }
  });
});
