import { readFileSync } from "node:fs";
import { getBotResponse, getFinalResponse, streamRequest, type PartialResponse } from "@parlor/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { readEvents } from "../testing/test-platform.js";
import { queryBody, startApiTest, type ApiTestContext } from "./testing/api-test-helpers.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

/** What fastapi_poe 0.0.81 sent, line by line: method, path, headers and body. */
const standinRequests = readFileSync(new URL("standin_requests.jsonl", fixtures), "utf8")
  .trim()
  .split("\n")
  .map(
    (line) => JSON.parse(line) as { path: string; headers: Record<string, string>; body: unknown },
  );

// Headers the HTTP client sets itself when it replays a request.
const TRANSPORT_HEADERS = new Set(["host", "content-length", "connection", "accept-encoding"]);

describe("the bot query API (POST /bot/<name>)", () => {
  let test: ApiTestContext | undefined;
  afterEach(async () => {
    await test?.platform.dispose();
    test = undefined;
  });

  it("answers fastapi_poe's exact requests with a user API key as Poe SSE", async () => {
    test = await startApiTest();
    for (const recorded of standinRequests) {
      const headers = Object.fromEntries(
        Object.entries(recorded.headers).filter(
          ([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase()),
        ),
      );
      const response = await fetch(`${test.platform.url}${recorded.path}`, {
        method: "POST",
        headers: { ...headers, Authorization: `Bearer ${test.apiKey}` },
        body: JSON.stringify(recorded.body),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/event-stream");
      const raw = await response.text();
      expect(raw).toContain("\r\n\r\n");
      const events = await readEvents(new Response(raw));
      const query = (recorded.body as { query: { content: string }[] }).query;
      const text = events
        .filter((event) => event.event === "text")
        .map((event) => event.data.text)
        .join("");
      expect(text).toBe(query.at(-1)!.content);
      expect(events.map((event) => event.event)).not.toContain("data");
      expect(events.map((event) => event.event)).not.toContain("error");
      expect(events.at(-1)?.event).toBe("done");
    }
  });

  it("works with the SDK's own client: getBotResponse, streamRequest, getFinalResponse", async () => {
    test = await startApiTest();
    const options = { baseUrl: test.botBaseUrl, onError: () => {} };
    const pieces: PartialResponse[] = [];
    for await (const piece of getBotResponse(
      [{ role: "user", content: "hi there" }],
      "echo",
      test.apiKey,
      options,
    )) {
      pieces.push(piece);
    }
    // Suggested replies are not text: adding up every piece's text gives the reply.
    expect(pieces.map((p) => p.text).join("")).toBe("hi there");
    expect(pieces.flatMap((p) => p.suggestedReply ?? [])).toEqual(["Say it again"]);

    let streamed = "";
    for await (const piece of streamRequest(queryBody("streamed"), "Echo", test.apiKey, options)) {
      streamed += piece.text;
    }
    expect(streamed).toBe("streamed");
    expect(await getFinalResponse(queryBody("final"), "echo", test.apiKey, options)).toBe("final");
  });

  it("logs each call in the bot call log as a bot_query", async () => {
    test = await startApiTest();
    await getFinalResponse(queryBody("logged"), "echo", test.apiKey, { baseUrl: test.botBaseUrl });
    const { callLog, store } = test.platform.platform;
    await callLog.flush();
    const echo = await store.bots.findByHandle("echo");
    const calls = await store.botCalls.listForBot(echo!.id);
    expect(calls.map((call) => [call.request_type, call.status])).toEqual([["bot_query", "ok"]]);
  });

  it("refuses bad credentials and unknown bots with a clear JSON message", async () => {
    test = await startApiTest();
    const post = (
      name: string,
      authorization: string | undefined,
      body: unknown = queryBody("x"),
    ) =>
      fetch(`${test!.botBaseUrl}${name}`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(authorization ? { authorization } : {}),
        },
        body: JSON.stringify(body),
      });
    const cases: [Response, number, string][] = [
      [await post("echo", undefined), 401, "Missing Authorization header"],
      [await post("echo", "Bearer pk_not-a-real-key"), 401, "Invalid API key or bot access key"],
      [
        await post("echo", `Bearer ${"k".repeat(32)}`, queryBody("x", { bot_query_id: "gone" })),
        401,
        "Invalid API key or bot access key: bot_query_id 'gone' is not a query being answered now",
      ],
      [await post("nobody", `Bearer ${test.apiKey}`), 404, "Unknown bot 'nobody'"],
      [await post("echo", `Bearer ${test.apiKey}`, { type: "query" }), 400, "query is required"],
    ];
    for (const [response, status, message] of cases) {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.message).toContain(message);
    }
  });
});
