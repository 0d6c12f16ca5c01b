import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryBody } from "../poe-api/testing/api-test-helpers.js";
import {
  liveStream,
  readReply,
  registerBot,
  sendMessage,
  sendToScriptedBot,
  startConversation,
  type LiveStream,
} from "../testing/bots/chat-helpers.js";
import {
  startScriptedBot,
  type QueryScript,
  type ScriptedBot,
} from "../testing/bots/scripted-bot-server.js";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { startTestPlatform, type TestClient, type TestPlatform } from "../testing/test-platform.js";

/** A row of `GET /api/bots/:handle/calls`. */
interface ListedCall {
  id: string;
  status: string;
  request_type: string;
  event_count: number;
}

/** `GET /api/bots/:handle/calls/:id`. */
interface CallDetails {
  call: ListedCall;
  request: string | null;
  events: { ms: number; event: string; data: string }[];
}

const greeting: QueryScript = (exchange) => {
  exchange.send("text", { text: "Hello" });
  exchange.send("done");
  exchange.end();
};

describe.each(TEST_DIALECTS)("the call inspector's live view and replay on %s", (dialect) => {
  let platform: TestPlatform;
  let alice: TestClient;
  let bob: TestClient;
  let carol: TestClient;
  const bots: ScriptedBot[] = [];

  beforeAll(async () => {
    // Few bot queries a minute, so the last test can spend them with replays.
    platform = await startTestPlatform(dialect, {
      env: { PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "3" },
    });
    // The first account is the platform's admin.
    alice = await platform.signUp("alice@example.com");
    bob = await platform.signUp("bob@example.com");
    carol = await platform.signUp("carol@example.com");
  });
  afterAll(async () => {
    await platform.dispose();
    await Promise.all(bots.map((bot) => bot.close()));
  });

  const calls = async (client: TestClient, handle: string) =>
    (await client.json<{ calls: ListedCall[] }>("GET", `/api/bots/${handle}/calls`)).calls;

  const follow = async (client: TestClient, path: string): Promise<LiveStream> => {
    const response = await client.request("GET", path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    return liveStream(response);
  };

  it("shows a running call and its events as they arrive, then the call as logged", async () => {
    const bot = await startScriptedBot();
    bots.push(bot);
    await registerBot(bob, bot, { handle: "slowpoke" });
    const conversation = await startConversation(bob, "slowpoke");
    const { botMessageId } = await sendMessage(bob, conversation, "Count to two");
    const exchange = await bot.nextQuery();
    exchange.send("text", { text: "One" });

    let running: ListedCall | undefined;
    for (let tries = 0; tries < 100 && running?.event_count !== 1; tries++) {
      running = (await calls(bob, "slowpoke"))[0];
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(running).toMatchObject({ status: "running", request_type: "query", event_count: 1 });
    const path = `/api/bots/slowpoke/calls/${running!.id}`;
    const opened = await bob.json<CallDetails>("GET", path);
    expect(opened.call.status).toBe("running");
    expect(opened.request).toContain("Count to two");
    expect(opened.events.map((event) => event.data)).toEqual(['{"text":"One"}']);

    const everything = await follow(bob, `${path}/live`);
    const fromSecond = await follow(bob, `${path}/live?after=0`);
    expect((await everything.next()).data).toMatchObject({ index: 0, event: "text" });
    exchange.send("text", { text: " two" });
    const second = { index: 1, event: "text", data: '{"text":" two"}' };
    expect((await everything.next()).data).toMatchObject(second);
    expect((await fromSecond.next()).data).toMatchObject(second);
    exchange.send("done");
    exchange.end();
    for (const stream of [everything, fromSecond]) {
      expect((await stream.next()).data).toMatchObject({ index: 2, event: "done" });
      const end = await stream.next();
      expect(end.event).toBe("end");
      expect(end.data.call).toMatchObject({ id: running!.id, status: "ok", event_count: 3 });
    }
    await readReply(bob, botMessageId);
    const logged = await bob.json<CallDetails>("GET", path);
    expect(logged.call.status).toBe("ok");
    expect(logged.events.map((event) => event.event)).toEqual(["text", "text", "done"]);
    // A finished call's live view ends at once, with the call as logged.
    const late = await follow(bob, `${path}/live`);
    expect(await late.next()).toMatchObject({ event: "end", data: { call: { status: "ok" } } });
  });

  it("replays a call: the same request body again, logged as a new call", async () => {
    const { bot, botMessageId } = await sendToScriptedBot(bob, greeting, "mimic");
    bots.push(bot);
    await readReply(bob, botMessageId);
    const [original] = await calls(bob, "mimic");
    const replay = await bob.request("POST", `/api/bots/mimic/calls/${original!.id}/replay`);
    expect(replay.status).toBe(202);
    const { call_id: callId } = (await replay.json()) as { call_id: string };
    expect(callId).not.toBe(original!.id);
    const live = await follow(bob, `/api/bots/mimic/calls/${callId}/live`);
    let end;
    do end = await live.next();
    while (end.event !== "end");
    expect(end.data.call).toMatchObject({ id: callId, status: "ok", request_type: "replay" });

    const [first, second] = bot.received("query");
    expect(second!.body).toEqual(first!.body);
    const listed = await calls(bob, "mimic");
    expect(listed.map((call) => [call.id, call.request_type])).toEqual([
      [callId, "replay"],
      [original!.id, "query"],
    ]);
    const replayed = await bob.json<CallDetails>("GET", `/api/bots/mimic/calls/${callId}`);
    expect(replayed.events.map((event) => event.data)).toEqual(['{"text":"Hello"}', "{}"]);
  });

  it("refuses to replay a request the log cut short", async () => {
    const key = await bob.json<{ key: string }>("POST", "/api/keys", { name: "script" });
    const response = await fetch(`${platform.url}/bot/mimic`, {
      method: "POST",
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      body: JSON.stringify(queryBody("é".repeat(40_000))),
    });
    await response.text();
    const [cut] = await calls(bob, "mimic");
    const refused = await bob.request("POST", `/api/bots/mimic/calls/${cut!.id}/replay`);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /cut in the log/,
    );
  });

  it("shows the live view and replay to the bot's owner only, not to an admin or another user", async () => {
    const [call] = await calls(bob, "mimic");
    const before = (await calls(bob, "mimic")).length;
    const paths = [
      ["GET", `/api/bots/mimic/calls/${call!.id}/live`],
      ["POST", `/api/bots/mimic/calls/${call!.id}/replay`],
      ["GET", `/api/bots/mimic/calls/${call!.id}`],
    ] as const;
    for (const [method, path] of paths) {
      expect((await alice.request(method, path)).status, `admin ${method} ${path}`).toBe(404);
      expect([403, 404], `user ${method} ${path}`).toContain(
        (await carol.request(method, path)).status,
      );
    }
    // Nothing was sent to the bot on their behalf.
    expect(await calls(bob, "mimic")).toHaveLength(before);
  });

  it("answers 404 for the live view or replay of a call that does not exist", async () => {
    expect((await bob.request("GET", "/api/bots/mimic/calls/call_x/live")).status).toBe(404);
    expect((await bob.request("POST", "/api/bots/mimic/calls/call_x/replay")).status).toBe(404);
  });

  it("counts a replay as the owner's bot query, refused past their limit", async () => {
    // Spent so far: one `/bot/` query and one replay. The chat reply is replayed (the `/bot/`
    // query's request was cut).
    const call = (await calls(bob, "mimic")).find((each) => each.request_type === "query");
    const path = `/api/bots/mimic/calls/${call!.id}/replay`;
    expect((await bob.request("POST", path)).status).toBe(202);
    const refused = await bob.request("POST", path);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /Too many bot queries/,
    );
  });
});
