import type { BotReply, FrameSink } from "./bot-reply.js";

/** How many frames may wait for a slow reader before the bot is paused. */
const HIGH_WATER_MARK = 64;

/**
 * Reads a streamed reply as an async iterator of frames, for consumers that pull (web
 * `ReadableStream`s, the test harness, the platform's in-process runner). Stopping the
 * iteration early tells the bot the caller has gone.
 */
export async function* pullFrames(
  reply: Extract<BotReply, { type: "stream" }>,
): AsyncGenerator<string, void, undefined> {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let resume: (() => void) | undefined;
  let finished = false;
  let failure: { error: unknown } | undefined;
  // `closed` is a data property, not a getter: an object literal with a getter gets a hidden
  // class of its own per call, which V8 keeps (with what the getter reaches) until a full GC.
  const sink: { -readonly [K in keyof FrameSink]: FrameSink[K] } = {
    write(frame) {
      queue.push(frame);
      wake?.();
      if (queue.length < HIGH_WATER_MARK) return undefined;
      return new Promise<void>((resolve) => (resume = resolve));
    },
    closed: false,
  };
  const done = () => {
    finished = true;
    wake?.();
  };
  reply.run(sink).then(done, (error: unknown) => {
    failure = { error };
    done();
  });
  try {
    for (;;) {
      while (queue.length > 0) {
        yield queue.shift()!;
        if (queue.length === 0) resume?.();
      }
      if (finished) {
        if (failure) throw failure.error;
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    sink.closed = true;
    resume?.();
  }
}
