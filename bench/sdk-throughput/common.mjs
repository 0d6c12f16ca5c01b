// Shared by both bots and the load generator, so they agree on the reply and the request.

/** The 10 `text` pieces of every reply (both bots send exactly these). */
export const TEXT_PIECES = Array.from({ length: 10 }, (_, i) => `word${i} `);

/** Events per reply: meta + 10 text + done. */
export const EVENTS_PER_STREAM = 1 + TEXT_PIECES.length + 1;

/** The last frame of every complete reply. */
export const DONE_FRAME = "event: done\r\ndata: {}\r\n\r\n";

/**
 * The request body: a `query` request as Poe sends it, with a short three-message conversation
 * (user, bot, user). Shape as in /work/shared/fixtures/fastapi-poe-0.0.81/query.request.json.
 */
export const QUERY_BODY = JSON.stringify({
  version: "1.2",
  type: "query",
  query: [
    { role: "user", content: "hello", content_type: "text/markdown", timestamp: 1764210000000000 },
    {
      role: "bot",
      content: "Hi! How can I help?",
      content_type: "text/markdown",
      timestamp: 1764210000100000,
    },
    {
      role: "user",
      content: "tell me something",
      content_type: "text/markdown",
      timestamp: 1764210005000000,
    },
  ],
  user_id: "u-1234",
  conversation_id: "c-5678",
  message_id: "m-0001",
  metadata: "",
  temperature: 0.7,
  language_code: "en",
});

/** Reads the port and the access key the same way in both bots. */
export function serverConfig() {
  const port = Number(process.env.PORT ?? 8000);
  const accessKey = process.env.POE_ACCESS_KEY;
  if (!accessKey) throw new Error("Set POE_ACCESS_KEY (32 characters)");
  return { port, host: process.env.HOST ?? "127.0.0.1", accessKey };
}
