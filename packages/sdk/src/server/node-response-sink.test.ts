import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { ResponseSink, StreamTimers } from "./node-response-sink.js";

/** The part of a ServerResponse the sink uses, recording each call. */
function fakeResponse() {
  const calls: string[] = [];
  const response = {
    destroyed: false,
    writableFinished: false,
    socket: { destroyed: false },
    write(chunk: string) {
      calls.push(`write ${chunk}`);
      return true;
    },
    end(chunk?: string) {
      calls.push(chunk === undefined ? "end" : `end ${chunk}`);
    },
    flushHeaders() {
      calls.push("head");
    },
  };
  return { calls, response: response as unknown as ServerResponse };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("ResponseSink", () => {
  it("sends a reply produced in one turn as a single end", async () => {
    const { calls, response } = fakeResponse();
    const sink = new ResponseSink(response, new StreamTimers(15_000));
    void sink.write("a");
    void sink.write("b");
    await Promise.resolve();
    void sink.write("c");
    sink.end();
    await nextTurn();
    expect(calls).toEqual(["end abc"]);
  });

  it("sends the frames of each turn as they come when the reply takes longer", async () => {
    const { calls, response } = fakeResponse();
    const sink = new ResponseSink(response, new StreamTimers(15_000));
    void sink.write("a");
    void sink.write("b");
    await nextTurn();
    void sink.write("c");
    await nextTurn();
    void sink.write("d");
    sink.end();
    expect(calls).toEqual(["write ab", "write c", "end d"]);
  });

  it("sends keep-alive comments to a stream silent from its start, and stops when it ends", async () => {
    const { calls, response } = fakeResponse();
    const sink = new ResponseSink(response, new StreamTimers(20));
    await new Promise((resolve) => setTimeout(resolve, 70));
    // The head goes out after the first turn, before any frame or comment.
    expect(calls[0]).toBe("head");
    expect(calls.some((call) => call.startsWith("write : ping - "))).toBe(true);
    sink.end();
    const count = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toHaveLength(count);
  });
});
