import { createSseDecoder, type QueryRequest, type SettingsResponse } from "@parlor/protocol";
import { handleBotRequest, type Bot, type BotReply, type IncomingBotRequest } from "@parlor/sdk";
import { BotCallError, type BotReplyStream, type BotReport, type BotRunner } from "./bot-runner.js";

const HEADERS = {
  get: (name: string) => (name.toLowerCase() === "authorization" ? "Bearer in-process" : null),
};

/**
 * Runs an SDK bot inside the platform process through the SDK's own request core: the same
 * parsing, defaults and framing as over HTTP, minus the socket.
 */
export function createInProcessRunner(bot: Bot): BotRunner {
  const local: Bot = { ...bot, accessKey: undefined, webhookSecret: undefined };
  const call = (body: unknown, signal: AbortSignal) => {
    const incoming: IncomingBotRequest = {
      method: "POST",
      url: "/",
      headers: HEADERS,
      body: JSON.stringify(body),
      signal,
    };
    return handleBotRequest(local, incoming);
  };
  return {
    async query(request: QueryRequest, signal) {
      const reply = await call(request, signal);
      if (reply.type !== "stream")
        throw new BotCallError(`Bot answered ${reply.status}`, false, reply.status);
      return { status: 200, format: "sse", read: readFrames(reply) };
    },
    async settings() {
      const reply = await call({ version: "1.2", type: "settings" }, new AbortController().signal);
      if (reply.type !== "json" || reply.status !== 200)
        throw new BotCallError("Bot settings unavailable", false);
      return reply.body as SettingsResponse;
    },
    async report(request: BotReport) {
      await call(request, new AbortController().signal);
    },
  };
}

/**
 * Feeds the SDK's frames through the same SSE decoder a socket's bytes go through, as the bot
 * writes them; stopping marks the sink closed, so the bot stops at its next step.
 */
function readFrames(reply: Extract<BotReply, { type: "stream" }>): BotReplyStream["read"] {
  return (sink) => {
    let stopped = false;
    const decoder = createSseDecoder({
      onMessage: (message) => {
        if (!stopped) sink.message(message);
      },
    });
    const frames = {
      write: (frame: string) => {
        if (stopped) return;
        try {
          decoder.feed(frame);
        } catch (error) {
          // Past the decoder's event-size cap: the bot is stopped like any other misbehaving one.
          stopped = true;
          sink.fail(error);
        }
      },
      get closed() {
        return stopped;
      },
    };
    reply.run(frames).then(
      () => {
        if (stopped) return;
        decoder.end();
        sink.end();
      },
      (error: unknown) => {
        if (!stopped) sink.fail(error);
      },
    );
    return () => {
      stopped = true;
    };
  };
}
