/**
 * @parlor/sdk/node — serve bots with Node's own HTTP server, the fastest way to run a bot.
 */
export { createNodeListener, type NodeListenerOptions } from "./server/node-listener.js";
export { serve, type ServeOptions, type RunningServer } from "./server/serve.js";
