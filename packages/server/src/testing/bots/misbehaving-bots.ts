import type { QueryScript } from "./scripted-bot-server.js";

const sleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

/** Sends each piece as a `text` event. */
const sendTexts = (exchange: Parameters<QueryScript>[0], texts: readonly string[]) => {
  for (const text of texts) exchange.send("text", { text });
};

/**
 * Bots that break the protocol, one way each, for the relay's end-to-end tests. Every script
 * leaves its connection for the platform to close when it hangs, so nothing outlives a test
 * that disposes the platform.
 */
export const misbehavingBots = {
  /** A well-behaved reply, for contrast. */
  replies:
    (texts: readonly string[]): QueryScript =>
    (exchange) => {
      sendTexts(exchange, texts);
      exchange.send("done");
      exchange.end();
    },

  /** Accepts the connection and never answers, not even with headers. */
  neverAnswers: (): QueryScript => () => {},

  /** Sends the SSE head at once, then nothing. */
  hangsBeforeFirstEvent: (): QueryScript => (exchange) => exchange.open(),

  /** Streams some text, then stalls forever. */
  stallsAfter:
    (texts: readonly string[]): QueryScript =>
    (exchange) =>
      sendTexts(exchange, texts),

  /** Streams some text, then its process dies (socket destroyed). */
  crashesAfter:
    (texts: readonly string[]): QueryScript =>
    async (exchange) => {
      sendTexts(exchange, texts);
      await sleep(50);
      exchange.crash();
    },

  /** Streams some text, then a `text` event whose data is not JSON. */
  malformedJsonAfter:
    (texts: readonly string[]): QueryScript =>
    (exchange) => {
      sendTexts(exchange, texts);
      exchange.send("text", '{"text": "unterminated');
      exchange.send("done");
      exchange.end();
    },

  /** Mixes event types no version of the protocol defines into a normal reply. */
  sendsUnknownEvents:
    (texts: readonly string[]): QueryScript =>
    (exchange) => {
      exchange.send("sparkle", { text: "✨" });
      sendTexts(exchange, texts);
      exchange.send("telemetry", { tokens: 3 });
      exchange.send("done");
      exchange.end();
    },

  /** Streams its text and `done`, then more text in the same breath, and never closes. */
  talksAfterDone:
    (texts: readonly string[], after: readonly string[]): QueryScript =>
    (exchange) => {
      sendTexts(exchange, texts);
      exchange.send("done");
      sendTexts(exchange, after);
    },

  /**
   * Streams some text, then one `text` event whose line never ends: `megabytes` MiB of data,
   * written in 64 KiB pieces as a bot with a runaway loop would, then silence.
   */
  sendsEndlessLine:
    (texts: readonly string[], megabytes: number): QueryScript =>
    async (exchange) => {
      exchange.open();
      sendTexts(exchange, texts);
      exchange.response.write('event: text\r\ndata: {"text": "');
      const piece = "x".repeat(64 * 1024);
      for (let sent = 0; sent < megabytes * 16 && !exchange.response.destroyed; sent++) {
        if (!exchange.response.write(piece)) await sleep(1);
      }
    },

  /** Streams its text and closes the stream without `done`. */
  endsWithoutDone:
    (texts: readonly string[]): QueryScript =>
    (exchange) => {
      sendTexts(exchange, texts);
      exchange.end();
    },

  /** Sends `count` text events of `piece` each, then `done`. */
  sendsEvents:
    (piece: string, count: number): QueryScript =>
    (exchange) => {
      for (let index = 0; index < count; index++) exchange.send("text", { text: piece });
      exchange.send("done");
      exchange.end();
    },

  /** Answers every query with an HTTP error status before any event. */
  failsWithStatus:
    (status: number): QueryScript =>
    (exchange) => {
      exchange.response.writeHead(status, { "content-type": "text/plain" });
      exchange.response.end("Internal Server Error");
    },

  /** Sends an `error` event (after optional text), then `done`, as fastapi_poe does. */
  errors:
    (text: string, allowRetry: boolean, before: readonly string[] = []): QueryScript =>
    (exchange) => {
      sendTexts(exchange, before);
      exchange.send("error", { allow_retry: allowRetry, text });
      exchange.send("done");
      exchange.end();
    },

  /** Answers with one JSON document instead of a stream, after `delayMs`. */
  repliesWithJson:
    (body: unknown, delayMs = 0): QueryScript =>
    async (exchange) => {
      await sleep(delayMs);
      if (exchange.response.destroyed) return;
      exchange.response.writeHead(200, { "content-type": "application/json" });
      exchange.response.end(JSON.stringify(body));
    },

  /** Answers 200 with an HTML page, as a misconfigured proxy or framework would. */
  answersWithHtml: (): QueryScript => (exchange) => {
    exchange.response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    exchange.response.end("<!doctype html><h1>It works!</h1>");
  },
} satisfies Record<string, (...args: never[]) => QueryScript>;
