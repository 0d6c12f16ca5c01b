import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SseLimitError } from "../errors.js";
import { decodeSse, type SseMessage } from "./sse-decoder.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, fixtures), "utf8");

async function decodeChunks(chunks: (string | Uint8Array)[], onComment?: (c: string) => void) {
  async function* source() {
    yield* chunks;
  }
  const messages: SseMessage[] = [];
  for await (const message of decodeSse(source(), { onComment })) messages.push(message);
  return messages;
}

/** Splits text into pieces of `size` characters, to test every chunk boundary. */
function split(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

describe("decodeSse", () => {
  it("decodes fastapi_poe's query reply exactly, at any chunking", async () => {
    const body = fixture("query.sse");
    const expected = [
      { event: "text", data: '{"text": "hello"}' },
      { event: "text", data: '{"text": " (echo of 5 chars)"}' },
      { event: "suggested_reply", data: '{"text": "Say it again"}' },
      { event: "done", data: "{}" },
    ];
    for (const size of [1, 2, 3, 7, body.length]) {
      expect(await decodeChunks(split(body, size))).toEqual(expected);
    }
  });

  it("skips the keep-alive comment of a slow reply and can report it", async () => {
    const comments: string[] = [];
    const messages = await decodeChunks([fixture("query_slow.sse")], (c) => comments.push(c));
    expect(messages.map((m) => m.event)).toEqual([
      "text",
      "text",
      "text",
      "text",
      "suggested_reply",
      "done",
    ]);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/^ ?ping - 2026-11-27/);
  });

  it("accepts LF, CR and CRLF line endings, including a CRLF split across chunks", async () => {
    const expected = [
      { event: "text", data: '{"text":"a"}' },
      { event: "done", data: "{}" },
    ];
    const lf = 'event: text\ndata: {"text":"a"}\n\nevent: done\ndata: {}\n\n';
    expect(await decodeChunks([lf])).toEqual(expected);
    expect(await decodeChunks([lf.replaceAll("\n", "\r")])).toEqual(expected);
    const crlf = lf.replaceAll("\n", "\r\n");
    for (let cut = 1; cut < crlf.length; cut++) {
      expect(await decodeChunks([crlf.slice(0, cut), crlf.slice(cut)])).toEqual(expected);
    }
  });

  it("joins multi-line data with newlines and keeps ids", async () => {
    const messages = await decodeChunks(["id: 7\nevent: x\ndata: one\ndata: two\n\n"]);
    expect(messages).toEqual([{ event: "x", data: "one\ntwo", id: "7" }]);
  });

  it("decodes UTF-8 split inside a multi-byte character", async () => {
    const bytes = new TextEncoder().encode('event: text\ndata: {"text":"héllo 🌍"}\n\n');
    const chunks = [...bytes].map((b) => Uint8Array.of(b));
    const [message] = await decodeChunks(chunks);
    expect(JSON.parse(message!.data)).toEqual({ text: "héllo 🌍" });
  });

  it("drops an unfinished event at the end of the stream", async () => {
    expect(await decodeChunks(['event: text\ndata: {"text":"cut"}'])).toEqual([]);
  });

  it("fails with SseLimitError on an endless line instead of buffering it", async () => {
    async function* endless() {
      yield "data: ";
      const megabyte = "x".repeat(1024 * 1024);
      for (let i = 0; i < 50; i++) yield megabyte; // a 50 MB line
    }
    const read = async () => {
      for await (const _ of decodeSse(endless())) void _;
    };
    await expect(read()).rejects.toBeInstanceOf(SseLimitError);
  });
});
