import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const SDK_GUIDE = fileURLToPath(new URL("../../../../docs/sdk.md", import.meta.url));

/**
 * The `sh` blocks of one section of docs/sdk.md, each as its command lines (comments and blank
 * lines dropped), so a test can run exactly what a reader is told to type.
 */
export function sdkGuideCommands(heading: string): string[][] {
  const guide = readFileSync(SDK_GUIDE, "utf8");
  const start = guide.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/sdk.md has no section "## ${heading}"`);
  const end = guide.indexOf("\n## ", start + 1);
  const section = guide.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([^]*?)```/g)].map((block) =>
    block[1]!
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter((line) => line !== "" && !line.startsWith("#")),
  );
}
