/**
 * @parlor/protocol — Poe server-bot protocol 1.2 as data. No I/O lives here: schemas and types
 * for requests and responses, the event vocabulary, one SSE encoder and one SSE decoder, the
 * reference reader of bot streams, the explainer of traces for bot authors, limits and id
 * helpers.
 */
export * from "./requests/index.js";
export * from "./tools/index.js";
export * from "./settings/index.js";
export * from "./cost/index.js";
export * from "./events/index.js";
export * from "./sse/index.js";
export * from "./stream/index.js";
export * from "./trace/index.js";
export * from "./limits.js";
export * from "./ids.js";
export { randomBytes } from "./random-bytes.js";
export * from "./errors.js";
