import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { HeaderReader } from "../bot/query-context.js";
import type { IncomingBotRequest } from "./bot-reply.js";

/*
 * Per-request objects on the hot path are class instances, not object literals with getters:
 * a literal's getter is a fresh closure, so each literal gets its own hidden class, which lives
 * in old space until a full GC and keeps everything the closure reaches (the whole request)
 * alive through every scavenge in between.
 */

/** Whether the client went away before the reply ended. */
export function callerGone(response: ServerResponse): boolean {
  return !response.writableFinished && (response.destroyed || response.socket?.destroyed === true);
}

/** Reads Node's lower-cased header record without building a `Headers` object. */
class NodeHeaderReader implements HeaderReader {
  constructor(private readonly headers: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : value;
  }
}

/**
 * A Node request as the transport-neutral core sees it. The abort signal, and the close listener
 * behind it, are made on first use: most handlers never look, and both cost microseconds.
 */
export class NodeBotRequest implements IncomingBotRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderReader;
  #controller: AbortController | undefined;

  constructor(
    request: IncomingMessage,
    private readonly response: ServerResponse,
    readonly body: string,
  ) {
    this.method = request.method ?? "GET";
    this.url = request.url ?? "/";
    this.headers = new NodeHeaderReader(request.headers);
  }

  get signal(): AbortSignal {
    if (this.#controller) return this.#controller.signal;
    const controller = (this.#controller = new AbortController());
    const response = this.response;
    if (callerGone(response)) controller.abort();
    else response.once("close", () => callerGone(response) && controller.abort());
    return controller.signal;
  }
}
