import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePlainQuery } from "./parse-plain-query.js";
import { queryRequestSchema } from "./query-request.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

/** A small seeded generator, so a failure reproduces. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Builds a query-like body with fields present, absent, null or of the wrong type at random. */
function variant(next: () => number): Record<string, unknown> {
  const pick = <T>(...options: T[]) => options[Math.floor(next() * options.length)]!;
  const message = () => {
    const m: Record<string, unknown> = {
      role: pick("user", "bot", "system", "tool", "odd"),
      content: pick("hi", "", 5),
    };
    if (next() < 0.5)
      m.sender = pick(null, { id: "u-1" }, { id: null, name: "Ann", extra: 1 }, { id: 3 });
    if (next() < 0.3) m.parameters = pick({}, { style: "GENERAL" }, [], "x");
    if (next() < 0.3) m.timestamp = pick(0, 1733000000000000, 1.5, "1");
    if (next() < 0.3)
      m.attachments = pick([], [{ url: "u", content_type: "text/plain", name: "a" }]);
    if (next() < 0.2) m.referenced_message = pick(null, { role: "user", content: "q" });
    if (next() < 0.2) m.metadata = pick(null, "d", 4);
    if (next() < 0.2) m.unknown_field = "ignored";
    if (next() < 0.2) m.content_type = pick("text/plain", null);
    return m;
  };
  const body: Record<string, unknown> = {
    version: "1.2",
    type: "query",
    query: Array.from({ length: Math.floor(next() * 4) }, message),
    user_id: pick("u-1", ""),
    conversation_id: "c-1",
    message_id: pick("m-1", 7),
  };
  if (next() < 0.3) body.temperature = pick(null, 0.7, "hot");
  if (next() < 0.3) body.stop_sequences = pick([], ["\n"], [1]);
  if (next() < 0.3) body.logit_bias = pick({}, { "1": 2 });
  if (next() < 0.3) body.tools = pick(null, []);
  if (next() < 0.3) body.users = pick([], [{ id: "u" }]);
  if (next() < 0.3) body.access_key = pick("k", null);
  if (next() < 0.3) body.adopt_current_bot_name = pick(null, true, "yes");
  if (next() < 0.3) body.query_creation_time = pick(null, 17, 1.5);
  if (next() < 0.2) body.extra = { anything: true };
  return body;
}

describe("parsePlainQuery", () => {
  it("agrees with the zod schema field for field, key order included, wherever it answers", () => {
    const next = random(42);
    let answered = 0;
    for (let i = 0; i < 5000; i++) {
      const body = variant(next);
      const fast = parsePlainQuery(body);
      const checked = queryRequestSchema.safeParse(body);
      if (fast === undefined) continue;
      answered++;
      expect(checked.success, JSON.stringify(body)).toBe(true);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(checked.data));
      expect(fast).toStrictEqual(checked.data);
    }
    // The fast path must take the common cases, or it is not worth having.
    expect(answered).toBeGreaterThan(200);
  });

  it("reads the recorded platform request and fastapi_poe's client bodies", () => {
    const bodies = [
      JSON.parse(readFileSync(new URL("query.request.json", fixtures), "utf8")) as Record<
        string,
        unknown
      >,
      ...readFileSync(new URL("standin_requests.jsonl", fixtures), "utf8")
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { body: Record<string, unknown> }).body),
    ];
    for (const body of bodies) {
      expect(parsePlainQuery(body)).toStrictEqual(queryRequestSchema.parse(body));
    }
  });
});
