// Also the package's `@parlor/protocol/trace` entry: the web app's inspector imports the
// explainer alone, without the zod schemas of the rest.
export * from "./explain-trace.js";
