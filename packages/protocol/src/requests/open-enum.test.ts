import { describe, expect, it } from "vitest";
import { openEnum } from "./open-enum.js";

describe("openEnum", () => {
  const reaction = openEnum(["like", "dislike"]);

  it("accepts the known values", () => {
    expect(reaction.parse("like")).toBe("like");
  });

  it("accepts an unknown value unchanged, so a receiver can ignore it", () => {
    expect(reaction.parse("confetti")).toBe("confetti");
  });

  it("still rejects what is not a string", () => {
    expect(reaction.safeParse(1).success).toBe(false);
    expect(reaction.safeParse(null).success).toBe(false);
  });
});
