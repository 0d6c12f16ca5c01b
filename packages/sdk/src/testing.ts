/**
 * @parlor/sdk/testing — run bots in tests without a network, or on a real local port.
 */
export { queryBot, type BotRun, type QueryBotInput } from "./testing/query-bot.js";
export { createBotTestServer, type BotTestServer } from "./testing/create-bot-test-server.js";
