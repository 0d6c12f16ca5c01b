import { describe, expect, it } from "vitest";
import { isValidFileSignature, signedFileUrl } from "./signed-file-url.js";

const secret = "s".repeat(40);

function parts(url: string) {
  const parsed = new URL(url);
  return {
    id: decodeURIComponent(parsed.pathname.split("/").pop()!),
    expires: parsed.searchParams.get("expires") ?? undefined,
    signature: parsed.searchParams.get("signature") ?? undefined,
  };
}

describe("signed file URLs", () => {
  const url = signedFileUrl({
    baseUrl: "https://parlor.test/",
    secret,
    id: "file_abc",
    expiresAt: 10_000_000,
  });

  it("are absolute URLs under /files/<id> that verify until they expire", () => {
    expect(url).toMatch(/^https:\/\/parlor\.test\/files\/file_abc\?expires=10000&signature=/);
    expect(isValidFileSignature({ secret, ...parts(url), now: 9_999_000 })).toBe(true);
    expect(isValidFileSignature({ secret, ...parts(url), now: 10_000_000 })).toBe(false);
  });

  it("fail for another id, another expiry, another secret or no signature", () => {
    const good = parts(url);
    const now = 0;
    expect(isValidFileSignature({ secret, ...good, id: "file_abd", now })).toBe(false);
    expect(isValidFileSignature({ secret, ...good, expires: "20000", now })).toBe(false);
    expect(isValidFileSignature({ secret: "t".repeat(40), ...good, now })).toBe(false);
    expect(isValidFileSignature({ secret, ...good, signature: undefined, now })).toBe(false);
    expect(isValidFileSignature({ secret, ...good, expires: "1e9", now })).toBe(false);
  });
});
