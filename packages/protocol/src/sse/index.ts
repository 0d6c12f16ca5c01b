export * from "./sse-encoder.js";
export * from "./sse-decoder.js";
