import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A Poe-protocol bot on bare node:http that breaks the protocol on purpose (the SDK would not
 * let it), for the inspector's browser tests. What it does is chosen by the user's last message:
 *   /malformed   a text event, then a text event whose data is not JSON
 *   /late        its first event after `lateMs` (5.5 s by default: past the 5 s deadline)
 *   /sloppy      a reply with warnings: an unknown event, a late meta (and text after done)
 *   /live        "Step one", then "Step two" and `done`, each only when the test says `release()`
 *   anything     "Hello" and done
 */
export interface MisbehavingBot {
  url: string;
  /** The access key to register it with (it does not check it). */
  accessKey: string;
  /** The bodies of the queries it received, in order. */
  queries: Record<string, unknown>[];
  /** Lets a `/live` reply take its next step. */
  release(): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startMisbehavingBot(
  options: { lateMs?: number } = {},
): Promise<MisbehavingBot> {
  const queries: Record<string, unknown>[] = [];
  // A semaphore: release() before the reply waits counts too.
  let released = 0;
  const waiting: (() => void)[] = [];
  const step = () =>
    new Promise<void>((resolve) => {
      if (released > 0) {
        released -= 1;
        resolve();
      } else waiting.push(resolve);
    });

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      if (body.type !== "query") {
        // Settings (all defaults), error reports and the rest: a plain OK.
        response.writeHead(200, { "content-type": "application/json" }).end("{}");
        return;
      }
      queries.push(body);
      const messages = body.query as { content: string }[];
      void reply(messages.at(-1)?.content.trim() ?? "", response);
    });
  });

  async function reply(content: string, response: ServerResponse) {
    response.writeHead(200, { "content-type": "text/event-stream" });
    const send = (event: string, data: string) =>
      response.write(`event: ${event}\ndata: ${data}\n\n`);
    const text = (value: string) => send("text", JSON.stringify({ text: value }));
    if (content === "/malformed") {
      text("Hi");
      send("text", '{"text": "broken');
    } else if (content === "/late") {
      await sleep(options.lateMs ?? 5500);
      text("Sorry I am late.");
      send("done", "{}");
    } else if (content === "/sloppy") {
      text("Here is ");
      send("sparkle", '{"glitter": true}');
      send("meta", '{"content_type": "text/plain"}');
      text("an answer.");
      send("done", "{}");
      text(" And an afterthought.");
    } else if (content === "/live") {
      text("Step one.");
      await step();
      text(" Step two.");
      await step();
      send("done", "{}");
    } else {
      text("Hello");
      send("done", "{}");
    }
    response.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    accessKey: "misbehavingbotaccesskey000000000",
    queries,
    release() {
      const next = waiting.shift();
      if (next) next();
      else released += 1;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
