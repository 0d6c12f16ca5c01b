import {
  BotStreamReader,
  applyBotEvent,
  createReplyState,
  decodeSse,
  queryRequestSchema,
  type BotEvent,
  type BotStreamReport,
  type ProtocolMessageInput,
  type QueryRequestInput,
  type ReplyState,
} from "@parlor/protocol";
import { resolveBots, type BotLike } from "../bot/resolve-bots.js";
import { handleBotRequest } from "../server/handle-bot-request.js";
import { pullFrames } from "../server/pull-frames.js";

/** What a test sends: a user message, a list of messages, or a whole query request. */
export type QueryBotInput = string | ProtocolMessageInput[] | QueryRequestInput;

/** The outcome of one query, as a platform would see it. */
export interface BotRun extends ReplyState {
  /** Every event on the wire, in order, `done` included. */
  events: BotEvent[];
  /** Protocol mistakes a platform would report back to the bot. */
  reports: BotStreamReport[];
}

function toRequest(input: QueryBotInput): QueryRequestInput {
  const base = {
    version: "1.2",
    type: "query" as const,
    user_id: "u-test",
    conversation_id: "c-test",
    message_id: "m-test",
  };
  if (typeof input === "string") return { ...base, query: [{ role: "user", content: input }] };
  if (Array.isArray(input)) return { ...base, query: input };
  return input;
}

/**
 * Sends a query to a bot in-process, through the same code that serves HTTP (auth aside), and
 * reads the reply with the platform's rules. No sockets, so it is fast and hermetic.
 *
 * @example
 * const run = await queryBot(echoBot, "hello");
 * expect(run.text).toBe("hello");
 */
export async function queryBot(bot: BotLike, input: QueryBotInput): Promise<BotRun> {
  const [resolved] = resolveBots(bot);
  const request = queryRequestSchema.parse(toRequest(input));
  const key = resolved!.accessKey ?? "test";
  const reply = await handleBotRequest(
    { ...resolved!, webhookSecret: undefined },
    {
      method: "POST",
      url: resolved!.path,
      headers: new Headers({ authorization: `Bearer ${key}` }),
      body: JSON.stringify(request),
      signal: new AbortController().signal,
    },
  );
  if (reply.type !== "stream")
    throw new Error(`The bot answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  const reader = new BotStreamReader({ messageId: request.message_id });
  const run: BotRun = { ...createReplyState(), events: [], reports: [] };
  for await (const message of decodeSse(pullFrames(reply))) {
    const step = reader.read(message);
    if (step.report) run.reports.push(step.report);
    if (step.type === "event") applyBotEvent(run, step.event);
    if (step.type === "failed" && step.failure.botError) run.error = step.failure.botError;
    const parsed = JSON.parse(message.data) as never;
    run.events.push({ event: message.event, data: parsed } as BotEvent);
  }
  const missingDone = reader.end();
  if (missingDone) run.reports.push(missingDone);
  return run;
}
