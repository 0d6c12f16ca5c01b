export * from "./bot-stream-reader.js";
export * from "./parse-event-data.js";
export * from "./reply-state.js";
