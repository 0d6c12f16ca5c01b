// The same bot as bare-bot.mjs, written with the SDK: defineBot + serve from the built
// packages (run `npm run build` first). The SDK parses and validates the request (a zod-free reader
// for plain queries, zod for the rest), checks the bearer key, runs the async-generator handler and
// writes SSE frames.
//
// Env: PORT (default 8000, as serve; 0 = any free port), POE_ACCESS_KEY (required, 32 characters),
// HOST (127.0.0.1). Prints `listening on <url>` once ready.
import { defineBot, meta } from "@parlor/sdk";
import { serve } from "@parlor/sdk/node";
import { TEXT_PIECES, serverConfig } from "./common.mjs";

const { port, host, accessKey } = serverConfig();

const bot = defineBot({
  async *onQuery() {
    yield meta();
    for (const piece of TEXT_PIECES) yield piece;
    // `done` is added by the SDK.
  },
});

const running = await serve(bot, { port, host, accessKey });
console.log(`sdk-bot listening on ${running.url}`);
process.on("SIGTERM", () => {
  running.close().then(() => process.exit(0));
});
