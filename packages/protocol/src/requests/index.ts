export * from "./open-enum.js";
export * from "./protocol-message.js";
export * from "./query-request.js";
export * from "./settings-request.js";
export * from "./report-feedback-request.js";
export * from "./report-reaction-request.js";
export * from "./report-error-request.js";
export * from "./bot-request.js";
