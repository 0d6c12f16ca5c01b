import { describe, expect, it } from "vitest";
import { aggregateToolCallDeltas } from "./aggregate-tool-call-deltas.js";

describe("aggregateToolCallDeltas", () => {
  it("joins fragments by index, in index order", () => {
    expect(
      aggregateToolCallDeltas([
        { index: 1, id: "b", type: "function", function: { name: "second", arguments: "{" } },
        { index: 0, id: "a", type: "function", function: { name: "first", arguments: "" } },
        { index: 1, function: { arguments: "}" } },
        { index: 0, function: { arguments: "{}" } },
      ]),
    ).toEqual([
      { id: "a", type: "function", function: { name: "first", arguments: "{}" } },
      { id: "b", type: "function", function: { name: "second", arguments: "{}" } },
    ]);
  });

  it("drops an index whose first fragment has no id or name, with all its later fragments", () => {
    expect(
      aggregateToolCallDeltas([
        { index: 0, function: { arguments: "{" } },
        { index: 0, id: "late", function: { name: "late", arguments: "}" } },
        { index: 1, id: "c", function: { name: "kept", arguments: "{}" } },
      ]),
    ).toEqual([{ id: "c", type: "function", function: { name: "kept", arguments: "{}" } }]);
  });
});
