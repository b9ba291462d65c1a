export * from "./ask.js";
export * from "./when.js";
export * from "./multi-select.js";
export * from "./quote.js";
export { forgiveRefusedSends } from "./sends.js";
export * from "./run.js";
