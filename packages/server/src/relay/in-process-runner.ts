import {
  createSseDecoder,
  MAX_EVENT_CHARACTERS,
  type QueryRequest,
  type SettingsResponse,
  type SseDecoder,
} from "@parlor/protocol";
import {
  handleBotRequest,
  type Bot,
  type BotReply,
  type FrameSink,
  type IncomingBotRequest,
} from "@parlor/sdk";
import {
  BotCallError,
  type BotReplyStream,
  type BotReport,
  type BotRunner,
  type ReplySink,
} from "./bot-runner.js";

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
    const frames = new FrameDecoder(sink);
    reply.run(frames).then(
      () => frames.end(),
      (error: unknown) => frames.fail(error),
    );
    return () => frames.stop();
  };
}

/**
 * The frame sink an in-process bot writes to. A class, not an object literal with a `closed`
 * getter: such a literal gets a hidden class of its own per call, which V8 keeps until a full
 * GC along with everything the getter's closure reaches.
 */
class FrameDecoder implements FrameSink {
  #stopped = false;
  readonly #decoder: SseDecoder;

  constructor(private readonly sink: ReplySink) {
    this.#decoder = createSseDecoder(
      {
        onMessage: (message) => {
          if (!this.#stopped) sink.message(message);
        },
      },
      { maxEventSize: MAX_EVENT_CHARACTERS },
    );
  }

  get closed(): boolean {
    return this.#stopped;
  }

  write(frame: string): void {
    if (this.#stopped) return;
    try {
      this.#decoder.feed(frame);
    } catch (error) {
      // Past the decoder's event-size cap: the bot is stopped like any other misbehaving one.
      this.#stopped = true;
      this.sink.fail(error);
    }
  }

  end(): void {
    if (this.#stopped) return;
    this.#decoder.end();
    this.sink.end();
  }

  fail(error: unknown): void {
    if (!this.#stopped) this.sink.fail(error);
  }

  stop(): void {
    this.#stopped = true;
  }
}
