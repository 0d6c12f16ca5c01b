import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BOT_REQUEST_TYPES, parseBotRequest } from "./bot-request.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
}

const query = {
  version: "1.2",
  type: "query",
  query: [{ role: "user", content: "hello" }],
  user_id: "u-1",
  conversation_id: "c-1",
  message_id: "m-1",
};

describe("parseBotRequest", () => {
  it("lists the five request types of protocol 1.2", () => {
    expect([...BOT_REQUEST_TYPES].sort()).toEqual(
      ["query", "report_error", "report_feedback", "report_reaction", "settings"].sort(),
    );
  });

  it("parses the recorded query and settings requests", () => {
    const parsedQuery = parseBotRequest(readJson("query.request.json"));
    expect(parsedQuery.ok && parsedQuery.request.type).toBe("query");
    const parsedSettings = parseBotRequest(readJson("settings.request.json"));
    expect(parsedSettings).toEqual({ ok: true, request: { version: "1.2", type: "settings" } });
  });

  it("parses every body fastapi_poe's client sent", () => {
    const lines = readFileSync(new URL("standin_requests.jsonl", fixtures), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "");
    for (const line of lines) {
      const { body } = JSON.parse(line) as { body: unknown };
      expect(parseBotRequest(body).ok).toBe(true);
    }
  });

  it("reports an unknown type as unsupported, so the server can answer 501", () => {
    expect(parseBotRequest(readJson("unknown.request.json"))).toEqual({
      ok: false,
      reason: "unsupported_type",
      type: "bogus_type",
    });
  });

  it("parses report requests by their type", () => {
    const ids = { message_id: "m-1", user_id: "u-1", conversation_id: "c-1" };
    const reaction = parseBotRequest({
      version: "1.2",
      type: "report_reaction",
      ...ids,
      reaction: "sad",
    });
    expect(reaction.ok && reaction.request.type).toBe("report_reaction");
    const error = parseBotRequest({ version: "1.2", type: "report_error", message: "late" });
    expect(error).toEqual({
      ok: true,
      request: { version: "1.2", type: "report_error", message: "late", metadata: {} },
    });
  });

  it("calls a body that is not an object, or has no string type, invalid", () => {
    for (const body of [null, "query", 3, [query], {}, { type: 1 }]) {
      const result = parseBotRequest(body);
      expect(result.ok === false && result.reason).toBe("invalid");
    }
  });

  it("names the missing field in a one-line message", () => {
    const { query: _query, ...withoutQuery } = query;
    const result = parseBotRequest(withoutQuery);
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error("expected invalid");
    expect(result.message).toMatch(/^query: /);
    expect(result.message).not.toContain("\n");
  });

  it("names the path of a nested invalid field", () => {
    const result = parseBotRequest({ ...query, query: [{ role: "user", content: 5 }] });
    if (result.ok || result.reason !== "invalid") throw new Error("expected invalid");
    expect(result.message).toContain("query[0].content");
  });
});
