import { DEFAULT_BOT_BASE_URL } from "@parlor/sdk";
import { serve } from "@parlor/sdk/node";
import { createToolBot } from "./tool-bot.js";

// The only place the example reads the environment. On Parlor, point PARLOR_BOT_BASE_URL at
// the platform, e.g. http://127.0.0.1:8080/bot/; on Poe the default is right.
const model = process.env.TOOL_MODEL || "GPT-4o-Mini";
const baseUrl = process.env.PARLOR_BOT_BASE_URL || DEFAULT_BOT_BASE_URL;
const allowWithoutKey = !process.env.POE_ACCESS_KEY;
if (allowWithoutKey)
  console.warn("POE_ACCESS_KEY is not set: accepting any Bearer key (development only)");
const server = await serve(createToolBot({ model, baseUrl }), { allowWithoutKey });
console.log(`Tool bot (using ${model} at ${baseUrl}) listening on ${server.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
