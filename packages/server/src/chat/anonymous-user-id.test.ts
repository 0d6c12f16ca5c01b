import { isIdentifier } from "@parlor/protocol";
import { describe, expect, it } from "vitest";
import { anonymousUserId } from "./build-query-request.js";

describe("anonymous user ids", () => {
  it("are Poe user ids, stable for one user and bot, different for any other", () => {
    const id = anonymousUserId("secret-a", "user-1", "bot-1");
    expect(isIdentifier(id, "u")).toBe(true);
    expect(anonymousUserId("secret-a", "user-1", "bot-1")).toBe(id);
    const others = [
      anonymousUserId("secret-a", "user-2", "bot-1"),
      anonymousUserId("secret-a", "user-1", "bot-2"),
      // Another platform (another secret) gives the same user another id.
      anonymousUserId("secret-b", "user-1", "bot-1"),
    ];
    expect(new Set([id, ...others]).size).toBe(4);
  });
});
