#!/usr/bin/env node
// A stable entry point that exists before the build, so npm can link `parlor` on install.
import("../dist/main.js").catch((error) => {
  if (error?.code === "ERR_MODULE_NOT_FOUND") {
    console.error("parlor is not built yet: run `npm run build` at the repository root first.");
    process.exit(1);
  }
  throw error;
});
