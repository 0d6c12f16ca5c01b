import { defineConfig } from "vitest/config";
import base from "../../../vitest.config.js";

// `npm run screenshots`: the root config's aliases, with only the screenshot script to run
// (mergeConfig would add to the root's test list instead of replacing it).
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["packages/web/e2e/take-screenshots.ts"], testTimeout: 300_000 },
});
