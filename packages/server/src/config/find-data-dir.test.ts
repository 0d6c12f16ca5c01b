import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findDataDir } from "./find-data-dir.js";

describe("findDataDir", () => {
  const folders: string[] = [];
  /** A temp folder with the given files (paths relative to it). */
  const tree = (files: Record<string, string>) => {
    const root = mkdtempSync(join(tmpdir(), "parlor-find-data-"));
    folders.push(root);
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    return root;
  };
  afterEach(() =>
    folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })),
  );
  const nowhere = "/nonexistent/code/location.js";

  it("uses PARLOR_DATA_DIR when set, relative to the working directory", () => {
    const root = tree({ "package.json": '{"name":"parlor"}' });
    expect(findDataDir("elsewhere", root, nowhere)).toBe(join(root, "elsewhere"));
    expect(findDataDir("/srv/parlor", root, nowhere)).toBe("/srv/parlor");
  });

  it("finds the checkout's data folder from any subfolder", () => {
    const root = tree({ "package.json": '{"name":"parlor"}', "packages/web/src/x.ts": "" });
    expect(findDataDir(undefined, join(root, "packages/web/src"), nowhere)).toBe(
      join(root, "data"),
    );
    expect(findDataDir(undefined, root, nowhere)).toBe(join(root, "data"));
  });

  it("finds a folder whose data/ holds a database, nearer than the checkout", () => {
    const root = tree({
      "package.json": '{"name":"parlor"}',
      "deploy/data/parlor.sqlite": "",
      "deploy/logs/.keep": "",
    });
    expect(findDataDir(undefined, join(root, "deploy/logs"), nowhere)).toBe(
      join(root, "deploy/data"),
    );
  });

  it("ignores other packages' package.json on the way up", () => {
    const root = tree({
      "package.json": '{"name":"parlor"}',
      "packages/cli/package.json": '{"name":"@parlor/cli"}',
      "packages/cli/broken/package.json": "not json",
    });
    expect(findDataDir(undefined, join(root, "packages/cli/broken"), nowhere)).toBe(
      join(root, "data"),
    );
  });

  it("outside any checkout, uses the checkout the code runs from, else ./data", () => {
    const checkout = tree({ "package.json": '{"name":"parlor"}', "packages/server/dist/x.js": "" });
    const outside = tree({});
    expect(findDataDir(undefined, outside, join(checkout, "packages/server/dist/x.js"))).toBe(
      join(checkout, "data"),
    );
    expect(findDataDir(undefined, outside, nowhere)).toBe(join(outside, "data"));
  });
});
