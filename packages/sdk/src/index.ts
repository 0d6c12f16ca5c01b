/**
 * @parlor/sdk — write, serve, test and call Poe-protocol server bots in TypeScript.
 * The same bot runs on Poe and on Parlor. Node's HTTP server lives in `@parlor/sdk/node`,
 * the test harness in `@parlor/sdk/testing`.
 */
export * from "./bot/bot-response.js";
export type { BotLogger } from "./bot/bot-logger.js";
export { defineBot, type Bot, type BotDefinition, type QueryHandler } from "./bot/define-bot.js";
export { PoeBot } from "./bot/poe-bot.js";
export { generateAccessKey } from "./bot/generate-access-key.js";
export { resolveBots, type BotLike } from "./bot/resolve-bots.js";
export type { HeaderReader, QueryContext, RequestContext } from "./bot/query-context.js";
export { createFetchHandler, type FetchHandlerOptions } from "./server/create-fetch-handler.js";
export { handleBotRequest } from "./server/handle-bot-request.js";
export type { BotReply, FrameSink, IncomingBotRequest } from "./server/bot-reply.js";
export { pullFrames } from "./server/pull-frames.js";
export * from "./errors.js";
export * from "./prompt/index.js";
export * from "./webhooks/index.js";
export * from "./client/index.js";
// Wire types, so bot authors need one import.
export type * from "@parlor/protocol";
