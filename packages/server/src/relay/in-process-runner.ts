import { decodeSse, type QueryRequest, type SettingsResponse } from "@parlor/protocol";
import { handleBotRequest, pullFrames, type Bot, type IncomingBotRequest } from "@parlor/sdk";
import { BotCallError, type BotReport, type BotRunner } from "./bot-runner.js";

const HEADERS = {
  get: (name: string) => (name.toLowerCase() === "authorization" ? "Bearer in-process" : null),
};

/**
 * Runs an SDK bot inside the platform process through the SDK's own request core: the same
 * parsing, defaults and framing as over HTTP, minus the socket.
 */
export function createInProcessRunner(bot: Bot): BotRunner {
  const local: Bot = { ...bot, accessKey: undefined, webhookSecret: undefined };
  const call = (body: unknown, signal: AbortSignal) => {
    const incoming: IncomingBotRequest = {
      method: "POST",
      url: "/",
      headers: HEADERS,
      body: JSON.stringify(body),
      signal,
    };
    return handleBotRequest(local, incoming);
  };
  return {
    async query(request: QueryRequest, signal) {
      const reply = await call(request, signal);
      if (reply.type !== "stream")
        throw new BotCallError(`Bot answered ${reply.status}`, false, reply.status);
      return { status: 200, format: "sse", messages: decodeSse(pullFrames(reply)) };
    },
    async settings() {
      const reply = await call({ version: "1.2", type: "settings" }, new AbortController().signal);
      if (reply.type !== "json" || reply.status !== 200)
        throw new BotCallError("Bot settings unavailable", false);
      return reply.body as SettingsResponse;
    },
    async report(request: BotReport) {
      await call(request, new AbortController().signal);
    },
  };
}
