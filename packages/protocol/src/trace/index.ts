export * from "./explain-trace.js";
