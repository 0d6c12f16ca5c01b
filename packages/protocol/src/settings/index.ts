export * from "./base-controls.js";
export * from "./parameter-controls.js";
export * from "./settings-response.js";
