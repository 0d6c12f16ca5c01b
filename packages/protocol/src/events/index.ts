export * from "./bot-event.js";
