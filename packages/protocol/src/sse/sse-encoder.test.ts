import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeSse } from "./sse-decoder.js";
import { encodeSseComment, encodeSseEvent, SseEncoderStream } from "./sse-encoder.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

describe("encodeSseEvent", () => {
  it("frames events the way fastapi_poe does, apart from JSON spacing", () => {
    const body =
      encodeSseEvent({ event: "text", data: { text: "hello" } }) +
      encodeSseEvent({ event: "text", data: { text: " (echo of 5 chars)" } }) +
      encodeSseEvent({ event: "suggested_reply", data: { text: "Say it again" } }) +
      encodeSseEvent({ event: "done", data: {} });
    // Python's json.dumps puts a space after ':'; everything else is byte-identical.
    const reference = readFileSync(new URL("query.sse", fixtures), "utf8").replaceAll('": ', '":');
    expect(body).toBe(reference);
  });

  it("keeps text with newlines on one data line and round-trips it", async () => {
    const text = "line one\nline two\r\nthree\u2028";
    const frame = encodeSseEvent({ event: "text", data: { text } }, 12);
    expect(frame.split("\r\n").filter((line) => line.startsWith("data:"))).toHaveLength(1);
    async function* source() {
      yield frame;
    }
    for await (const message of decodeSse(source())) {
      expect(message.id).toBe("12");
      expect(JSON.parse(message.data)).toEqual({ text });
    }
  });

  it("writes comments that cannot break the framing", () => {
    expect(encodeSseComment("ping\r\n\r\nevent: x")).toBe(": ping event: x\r\n\r\n");
  });

  it("streams events as UTF-8 bytes", async () => {
    const stream = new SseEncoderStream();
    const writer = stream.writable.getWriter();
    void writer.write({ event: "text", data: { text: "é" } });
    void writer.close();
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream.readable) chunks.push(chunk);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(
      'event: text\r\ndata: {"text":"é"}\r\n\r\n',
    );
  });
});
