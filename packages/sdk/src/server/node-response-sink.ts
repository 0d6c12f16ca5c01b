import type { ServerResponse } from "node:http";
import { keepAliveComment, type FrameSink } from "./bot-reply.js";
import { callerGone } from "./node-bot-request.js";

/**
 * The timers all of a listener's streams share, instead of one or two per stream: one
 * `setImmediate` per event-loop turn sends the frames written in that turn, and one interval
 * sends keep-alive comments to silent streams (it stops itself when none are open).
 */
export class StreamTimers {
  #due: ResponseSink[] = [];
  readonly #watched = new Set<ResponseSink>();
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly keepAliveMs: number) {}

  /** Calls `sink.turnEnded()` once the current event-loop turn is over. */
  afterTurn(sink: ResponseSink): void {
    if (this.#due.push(sink) === 1) setImmediate(endTurn, this);
  }

  /** Runs the turn's callbacks; sinks scheduled meanwhile wait for the next turn. */
  endTurn(): void {
    const due = this.#due;
    this.#due = [];
    for (const sink of due) sink.turnEnded();
  }

  /** Keep-alive comments for a stream from now on, until {@link unwatch}. */
  watch(sink: ResponseSink): void {
    this.#watched.add(sink);
    this.#interval ??= setInterval(tickAll, this.keepAliveMs, this);
  }

  unwatch(sink: ResponseSink): void {
    this.#watched.delete(sink);
  }

  tickAll(): void {
    for (const sink of this.#watched) sink.tick();
    if (this.#watched.size === 0) {
      clearInterval(this.#interval);
      this.#interval = undefined;
    }
  }
}

const endTurn = (timers: StreamTimers) => timers.endTurn();
const tickAll = (timers: StreamTimers) => timers.tickAll();

/**
 * A frame sink over a Node response: frames written in one event-loop turn go out in one
 * write, so a reply produced at once is a single `end`, and `drain` is awaited when the client
 * reads slowly. A reply still running after its first turn gets its head sent at once and is
 * watched for silence.
 */
export class ResponseSink implements FrameSink {
  /** Whether anything went out since the keep-alive timer's last tick. */
  wroteSinceTick = false;
  #pending = "";
  #flushDue = true;
  #drained: Promise<void> | undefined;
  #ended = false;
  #watched = false;
  /** Whether the head has gone out, alone or with frames. */
  #headFlushed = false;

  constructor(
    private readonly response: ServerResponse,
    private readonly timers: StreamTimers,
  ) {
    // The first turn's frames, and whether to watch for silence, wait until the turn is over.
    timers.afterTurn(this);
  }

  write(frame: string): Promise<void> | undefined {
    this.#pending += frame;
    if (!this.#flushDue) {
      this.#flushDue = true;
      this.timers.afterTurn(this);
    }
    return this.#drained;
  }

  get closed(): boolean {
    return this.#ended || callerGone(this.response);
  }

  /** Sends a comment if nothing went out since the last tick. */
  tick(): void {
    if (!this.wroteSinceTick && !this.closed) this.response.write(keepAliveComment());
    this.wroteSinceTick = false;
  }

  /** Sends what is pending, then ends the response. */
  end(): void {
    this.#ended = true;
    if (this.#watched) this.timers.unwatch(this);
    if (this.response.destroyed) return;
    // One `end` with the frames: Node sends them and the final chunk in one writev at once.
    const pending = this.#pending;
    this.#pending = "";
    if (pending === "") this.response.end();
    else this.response.end(pending);
  }

  /** Writes the frames of the turn that just ended. */
  turnEnded(): void {
    this.#flushDue = false;
    if (this.#ended || this.response.destroyed) return;
    if (!this.#watched) {
      this.#watched = true;
      this.timers.watch(this);
    }
    if (this.#pending === "") {
      // A bot still working after its first turn: Node holds the head until the first write, so
      // it goes out now. A platform then times the first event (5 s), not a JSON reply (30 s).
      // (`headersSent` is already true after `writeHead`, so it cannot tell.)
      if (!this.#headFlushed) this.response.flushHeaders();
      this.#headFlushed = true;
      return;
    }
    this.wroteSinceTick = true;
    this.#headFlushed = true;
    if (!this.response.write(this.#pending)) {
      this.#drained = new Promise((resolve) =>
        this.response.once("drain", () => {
          this.#drained = undefined;
          resolve();
        }),
      );
    }
    this.#pending = "";
  }
}
