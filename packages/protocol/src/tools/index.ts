export * from "./tool-definitions.js";
