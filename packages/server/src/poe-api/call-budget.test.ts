import { describe, expect, it } from "vitest";
import type { LiveQuery } from "../relay/live-queries.js";
import { chargeBotCall } from "./call-budget.js";
import { linkToParent } from "./live-query-tree.js";

function live(handle: string, dependencies: Record<string, number>, path: string[]): LiveQuery {
  return {
    botQueryId: `q-${handle}`,
    botId: `bot-${handle}`,
    botHandle: handle,
    userId: "usr_1",
    messageId: "m-1",
    dependencies,
    calls: new Map(),
    totalCalls: 0,
    path,
  };
}

describe("chargeBotCall", () => {
  it("counts calls per dependency and refuses past the declared number", () => {
    const caller = live("a", { b: 2 }, ["a"]);
    chargeBotCall(caller, "b", 100);
    chargeBotCall(caller, "b", 100);
    expect(() => chargeBotCall(caller, "b", 100)).toThrow(
      "Dependency budget spent: 'a' may call 'b' 2 times per message",
    );
    expect(caller.totalCalls).toBe(2);
  });

  it("shares the per-message total with every bot called along the way", () => {
    const root = live("a", { b: 5 }, ["a"]);
    const nested = live("b", { c: 5 }, ["a", "b"]);
    linkToParent(nested, root);
    chargeBotCall(root, "b", 3);
    chargeBotCall(nested, "c", 3);
    chargeBotCall(nested, "c", 3);
    expect(root.totalCalls).toBe(3);
    expect(() => chargeBotCall(nested, "c", 3)).toThrow(
      "Call budget spent: one user message may cause at most 3 calls to other bots",
    );
  });

  it("refuses undeclared targets and loops without counting them", () => {
    const caller = live("b", { a: 1 }, ["a", "b"]);
    expect(() => chargeBotCall(caller, "c", 100)).toThrow(
      "Bot 'b' did not declare 'c' in server_bot_dependencies",
    );
    expect(() => chargeBotCall(caller, "a", 100)).toThrow("Call loop refused: a → b → a");
    expect(caller.totalCalls).toBe(0);
  });
});
