import { echoBot } from "@parlor/example-echo-bot";
import type { Bot } from "@parlor/sdk";

/** Bots that ship inside the platform, mounted in-process; a fresh install can talk to `echo`. */
export const BUILTIN_BOTS: Readonly<
  Record<string, { bot: Bot; displayName: string; description: string }>
> = {
  echo: {
    bot: echoBot,
    displayName: "Echo",
    description: "Repeats what you say. Built in, so a fresh install has a bot to talk to.",
  },
};
