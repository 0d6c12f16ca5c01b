import { serve } from "@parlor/sdk/node";
import { echoBot } from "./echo-bot.js";

// PORT and POE_ACCESS_KEY come from the environment, as with fastapi_poe. Without a key the
// example still starts, so `npm start` works on a fresh clone, but says so loudly.
const allowWithoutKey = !process.env.POE_ACCESS_KEY;
if (allowWithoutKey)
  console.warn("POE_ACCESS_KEY is not set: accepting any Bearer key (development only)");
const server = await serve(echoBot, { allowWithoutKey });
console.log(`Echo bot listening on ${server.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
