import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources of the workspace packages, so a change is
// tested without a build; the examples' own tests start their built dist/ as a user would.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@parlor\/protocol$/, replacement: source("./packages/protocol/src/index.ts") },
      {
        find: /^@parlor\/protocol\/trace$/,
        replacement: source("./packages/protocol/src/trace/index.ts"),
      },
      { find: /^@parlor\/sdk$/, replacement: source("./packages/sdk/src/index.ts") },
      { find: /^@parlor\/sdk\/node$/, replacement: source("./packages/sdk/src/node.ts") },
      { find: /^@parlor\/sdk\/testing$/, replacement: source("./packages/sdk/src/testing.ts") },
      { find: /^@parlor\/providers$/, replacement: source("./packages/providers/src/index.ts") },
      {
        find: /^@parlor\/providers\/testing$/,
        replacement: source("./packages/providers/src/testing/index.ts"),
      },
      { find: /^@parlor\/server$/, replacement: source("./packages/server/src/index.ts") },
      {
        find: /^@parlor\/example-echo-bot$/,
        replacement: source("./examples/echo-bot/src/echo-bot.ts"),
      },
    ],
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "examples/*/src/**/*.test.ts",
      "examples/*/test/**/*.test.ts",
      "packages/web/src/**/*.test.{ts,tsx}",
      "packages/web/e2e/**/*.test.ts",
    ],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
