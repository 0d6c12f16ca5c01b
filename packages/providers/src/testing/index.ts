/**
 * @parlor/providers/testing — local fake vendor servers speaking OpenAI's, Anthropic's and
 * Gemini's real wire formats, scriptable per test and recording what they received; for this
 * package's tests, the platform's e2e tests and `bench/model-proxy`.
 */
export * from "./fake-vendor-server.js";
export * from "./fake-openai.js";
export * from "./fake-anthropic.js";
export * from "./fake-gemini.js";
export * from "./fake-embeddings.js";
export * from "./collect-events.js";
export * from "./sample-requests.js";
