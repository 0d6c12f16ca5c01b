import { describe, expect, it } from "vitest";
import { z } from "zod";
import { InvalidRequestError } from "../errors.js";
import { parseInput } from "../parse-input.js";

/** The 400 that parsing `input` with `schema` throws, as the API shows it. */
function refusal(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    const { message, field } = error as InvalidRequestError;
    return { message, field };
  }
  throw new Error("parsed");
}

describe("parseInput's plain messages", () => {
  const schema = z.strictObject({
    handle: z.string().regex(/^[a-z]+$/, "must be lower-case letters"),
    type: z.enum(["like", "dislike"]).optional(),
    count: z.number().int().min(1).max(10).optional(),
    tools: z.array(z.object({ name: z.string().max(3) })).optional(),
  });

  it.each([
    [{ handle: "ok", colour: 1 }, 'Unknown field "colour"', "colour"],
    [{}, "handle is required", "handle"],
    [{ handle: 5 }, "handle must be text", "handle"],
    [{ handle: "A1" }, "handle must be lower-case letters", "handle"],
    [{ handle: "ok", type: "love" }, 'type must be "like" or "dislike"', "type"],
    [{ handle: "ok", count: 11 }, "count must be at most 10", "count"],
    [{ handle: "ok", count: 0 }, "count must be at least 1", "count"],
    [
      { handle: "ok", tools: [{ name: "long" }] },
      "tools.0.name must have at most 3 characters",
      "tools.0.name",
    ],
    ["text", "The request body must be an object", undefined],
  ])("says what is wrong with %j in a sentence", (input, message, field) => {
    expect(refusal(schema, input)).toEqual({ message, field });
  });

  it("lists up to three problems, the first one's field, and how many more there are", () => {
    const wide = z.strictObject(
      Object.fromEntries("abcde".split("").map((name) => [name, z.string()])),
    );
    expect(refusal(wide, {})).toEqual({
      message: "a is required; b is required; c is required; and 2 more",
      field: "a",
    });
  });
});
