import type { QueryRequest } from "@parlor/protocol";
import { defineBot, type BotResponse } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";

/** An SDK bot on a real port whose reply the test writes piece by piece. */
export interface PacedBot extends BotTestServer {
  /** Every query received, in order. */
  queries: QueryRequest[];
  /** Resolves when the next query (counting from `queries.length` at call time) has arrived. */
  nextQuery(): Promise<QueryRequest>;
  /** Sends one piece of text (or any event) on the reply being written. */
  push(piece: BotResponse): void;
  /** Ends the reply being written; the SDK then sends `done`. */
  finish(): void;
  /** Whether the platform hung up on the reply being written (its signal aborted). */
  readonly aborted: boolean;
  /** Resolves when the platform hangs up on the reply being written. */
  hungUp(): Promise<void>;
}

/**
 * Starts a bot through the SDK's own server (defineBot + createBotTestServer). Pieces pushed
 * before the query arrives wait for it; one reply is written at a time.
 */
export async function startPacedBot(): Promise<PacedBot> {
  const queries: QueryRequest[] = [];
  const pending: (BotResponse | null)[] = [];
  let wake = () => {};
  let queryArrived = () => {};
  let signal: AbortSignal | undefined;

  const bot = defineBot({
    async *onQuery(request, context) {
      queries.push(request);
      signal = context.signal;
      queryArrived();
      for (;;) {
        while (pending.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        const piece = pending.shift()!;
        if (piece === null) return;
        yield piece;
      }
    },
  });
  const server = await createBotTestServer(bot);
  const add = (piece: BotResponse | null) => {
    pending.push(piece);
    wake();
  };
  return {
    ...server,
    queries,
    nextQuery() {
      const count = queries.length;
      return new Promise((resolve) => {
        queryArrived = () => {
          if (queries.length > count) resolve(queries.at(-1)!);
        };
        queryArrived();
      });
    },
    push: (piece) => add(piece),
    finish: () => add(null),
    get aborted() {
      return Boolean(signal?.aborted);
    },
    hungUp() {
      return new Promise((resolve) => {
        if (!signal) throw new Error("No query has arrived yet");
        if (signal.aborted) return resolve();
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    },
  };
}
