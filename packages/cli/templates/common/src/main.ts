import { serve } from "@parlor/sdk/node";
import { bot } from "./bot.js";

// PORT and POE_ACCESS_KEY come from the environment, as with fastapi_poe; `parlor bot dev`
// sets both. It also waits for the "listening on" line to know the bot is up.
const server = await serve(bot);
console.log(`listening on ${server.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
