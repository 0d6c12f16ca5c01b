export * from "./cost-item.js";
