import type { QueryRequest } from "@parlor/protocol";
import { describe, expect, it } from "vitest";
import type { BotCallRow } from "../store/bot-calls-store.js";
import { createLiveCalls } from "./live-calls.js";
import { ReceivedEvents, type ReceivedEvent } from "./received-events.js";

const context = {
  botId: "bot-1",
  messageId: "m-1",
  userId: "usr_1",
  requestType: "query",
  request: { message_id: "m-1" } as QueryRequest,
};
const row = (id: string) => ({ id, status: "ok" }) as BotCallRow;
const message = (text: string) => ({ event: "text", data: JSON.stringify({ text }) });

/** A call of bot-1 started at `startedAt`, registered as dispatchReply would. */
function started(live: ReturnType<typeof createLiveCalls>, id: string, startedAt = 0) {
  const events = new ReceivedEvents();
  live.watch(context)({ id, startedAt, events });
  return events;
}

describe("live calls", () => {
  it("gives a watcher the events so far, then each new one, then the logged row", () => {
    const live = createLiveCalls();
    const events = started(live, "call_1");
    events.add(5, message("a"));
    const seen: [number, ReceivedEvent][] = [];
    const ended: BotCallRow[] = [];
    live.subscribe("call_1", -1, {
      event: (event, index) => seen.push([index, event]),
      end: (logged) => ended.push(logged),
    });
    events.add(9, message("b"));
    expect(seen).toEqual([
      [0, { ms: 5, ...message("a") }],
      [1, { ms: 9, ...message("b") }],
    ]);
    live.recorded(row("call_1"));
    expect(ended).toEqual([row("call_1")]);
    expect(live.find("bot-1", "call_1")).toBeUndefined();
  });

  it("costs an unwatched call nothing per event: the hook is set only while someone watches", () => {
    const live = createLiveCalls();
    const events = started(live, "call_1");
    expect(events.onAdd).toBeUndefined();
    const stop = live.subscribe("call_1", -1, { event: () => {}, end: () => {} })!;
    expect(events.onAdd).toBeTypeOf("function");
    stop();
    expect(events.onAdd).toBeUndefined();
  });

  it("shows a call only as its own bot's, newest first, and skips the events a client has", () => {
    const live = createLiveCalls();
    started(live, "call_1", 10);
    const later = started(live, "call_2", 20);
    expect(live.listForBot("bot-1").map((call) => call.id)).toEqual(["call_2", "call_1"]);
    expect(live.find("bot-2", "call_1")).toBeUndefined();
    later.add(1, message("a"));
    later.add(2, message("b"));
    const indexes: number[] = [];
    live.subscribe("call_2", 0, { event: (_event, index) => indexes.push(index), end: () => {} });
    expect(indexes).toEqual([1]);
    expect(live.subscribe("call_x", -1, { event: () => {}, end: () => {} })).toBeUndefined();
  });

  it("forgets a call never recorded once it is 15 minutes old", () => {
    const live = createLiveCalls();
    started(live, "call_old", 0);
    started(live, "call_new", 16 * 60_000);
    expect(live.listForBot("bot-1").map((call) => call.id)).toEqual(["call_new"]);
  });
});
