import { describe, expect, it } from "vitest";
import { authorize, type Action, type BotVisibility, type Principal } from "./authorize.js";

const owner: Principal = { userId: "usr_owner", role: "user" };
const someone: Principal = { userId: "usr_someone", role: "user" };
const admin: Principal = { userId: "usr_admin", role: "admin" };
const ACTIONS: Action[] = ["list", "read", "use", "write"];

/** What `principal` may do with the owner's bot, as the allowed actions. */
function allowed(principal: Principal, visibility: BotVisibility, hidden = false): Action[] {
  const bot = { kind: "bot", ownerId: owner.userId, visibility, hidden } as const;
  return ACTIONS.filter((action) => authorize(principal, action, bot));
}

describe("authorize, for bots", () => {
  it("lets an owner do everything with their own bot, whatever its visibility or hiding", () => {
    for (const visibility of ["public", "unlisted", "private"] as const) {
      expect(allowed(owner, visibility)).toEqual(ACTIONS);
      expect(allowed(owner, visibility, true)).toEqual(ACTIONS);
    }
  });

  it("shows others public bots in lists, unlisted ones only by handle, private ones never", () => {
    expect(allowed(someone, "public")).toEqual(["list", "read", "use"]);
    expect(allowed(someone, "unlisted")).toEqual(["read", "use"]);
    expect(allowed(someone, "private")).toEqual([]);
  });

  it("hides a bot an admin hid from everyone but its owner and admins", () => {
    for (const visibility of ["public", "unlisted", "private"] as const)
      expect(allowed(someone, visibility, true)).toEqual([]);
  });

  it("lets admins open, use and edit any bot, listing only what anyone is shown plus hidden ones", () => {
    expect(allowed(admin, "public")).toEqual(ACTIONS);
    expect(allowed(admin, "public", true)).toEqual(ACTIONS);
    expect(allowed(admin, "unlisted")).toEqual(["read", "use", "write"]);
    expect(allowed(admin, "private", true)).toEqual(["read", "use", "write"]);
  });
});

describe("authorize, for the rest", () => {
  it("keeps conversations private even to admins", () => {
    const conversation = { kind: "conversation", ownerId: owner.userId } as const;
    expect(authorize(owner, "read", conversation)).toBe(true);
    expect(authorize(admin, "read", conversation)).toBe(false);
  });

  it("lets only admins administer the platform, and nobody administer their own objects", () => {
    expect(authorize(admin, "administer", { kind: "platform" })).toBe(true);
    expect(authorize(someone, "administer", { kind: "platform" })).toBe(false);
    expect(authorize(admin, "read", { kind: "platform" })).toBe(false);
    const ownBot = {
      kind: "bot",
      ownerId: owner.userId,
      visibility: "public",
      hidden: false,
    } as const;
    expect(authorize(owner, "administer", ownBot)).toBe(false);
  });
});
