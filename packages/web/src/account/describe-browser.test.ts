import { describe, expect, it } from "vitest";
import { describeBrowser } from "./describe-browser.js";

describe("describeBrowser", () => {
  it("names the browser and system of common User-Agents", () => {
    expect(
      describeBrowser(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36",
      ),
    ).toBe("Chrome on Linux");
    expect(
      describeBrowser(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36 Edg/130.0",
      ),
    ).toBe("Edge on Windows");
    expect(
      describeBrowser(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Safari/604.1",
      ),
    ).toBe("Safari on iOS");
    expect(describeBrowser("Mozilla/5.0 (Macintosh; rv:131.0) Gecko/20100101 Firefox/131.0")).toBe(
      "Firefox on macOS",
    );
  });

  it("shows an unknown agent as it is, cut short, and says when there is none", () => {
    expect(describeBrowser("parlor-cli/0.1")).toBe("parlor-cli/0.1");
    expect(describeBrowser("x".repeat(100))).toBe(`${"x".repeat(60)}…`);
    expect(describeBrowser(null)).toBe("Unknown browser");
  });
});
