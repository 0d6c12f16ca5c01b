import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** README.md and every Markdown file under docs/. */
function documents(): string[] {
  const found = [join(ROOT, "README.md")];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".md")) found.push(path);
    }
  };
  walk(join(ROOT, "docs"));
  return found;
}

/**
 * The targets of a Markdown file's links and images (outside code), and the relative paths it
 * names in code spans (`../shared/x.md`), which readers follow as well.
 */
function linkTargets(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`(\.\.?\/[^`\s]+\.\w+)`/g)];
  const prose = markdown.replace(/```[^]*?```/g, "").replace(/`[^`\n]*`/g, "");
  const inline = [...prose.matchAll(/\]\(<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g)];
  const references = [...prose.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)];
  return [...inline, ...references, ...spans].map((match) => match[1]!);
}

describe("the repository's documents", () => {
  it("link only to files that exist in the repository", () => {
    const broken: string[] = [];
    for (const document of documents()) {
      for (const target of linkTargets(readFileSync(document, "utf8"))) {
        // Other sites and anchors within the page are not files of ours.
        if (/^[a-z][a-z+.-]*:/i.test(target) || target.startsWith("#")) continue;
        const path = resolve(dirname(document), decodeURIComponent(target.split("#")[0]!));
        // A file outside the clone (a sibling checkout, the author's machine) is not there for readers.
        if (!path.startsWith(`${ROOT}/`) || !existsSync(path))
          broken.push(`${relative(ROOT, document)} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("give the Node version that package.json's engines require", () => {
    const engines = (
      JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
        engines: { node: string };
      }
    ).engines.node;
    const version = /^>=(\d+(?:\.\d+)*)$/.exec(engines)?.[1];
    expect(version).toBeDefined();
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain(`Node.js ${version} or later`);
  });

  it("include the licence every package declares", () => {
    const licence = readFileSync(join(ROOT, "LICENSE"), "utf8");
    for (const folder of readdirSync(join(ROOT, "packages"))) {
      const manifest = join(ROOT, "packages", folder, "package.json");
      if (!existsSync(manifest)) continue;
      const declared = (JSON.parse(readFileSync(manifest, "utf8")) as { license?: string }).license;
      if (declared)
        expect([folder, licence.startsWith(`${declared} License`)]).toEqual([folder, true]);
    }
  });
});
