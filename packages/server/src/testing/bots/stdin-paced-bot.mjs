// An SDK bot in a process of its own, for tests that need a bot to really die. Each line the
// test writes to its stdin becomes one text event of the reply being written (an empty line
// ends that reply). It prints "listening on <url>" once it serves PORT with POE_ACCESS_KEY.
import { createInterface } from "node:readline";
import { defineBot } from "@parlor/sdk";
import { serve } from "@parlor/sdk/node";

const lines = [];
let wake = () => {};
createInterface({ input: process.stdin }).on("line", (line) => {
  lines.push(line);
  wake();
});

const bot = defineBot({
  async *onQuery() {
    for (;;) {
      while (lines.length === 0) await new Promise((resolve) => (wake = resolve));
      const line = lines.shift();
      if (line === "") return;
      yield line;
    }
  },
});

const server = await serve(bot, { host: "127.0.0.1" });
console.log(`listening on ${server.url}`);
