import { basename, resolve } from "node:path";

/** The platform's rule for handles: 2–50 letters, digits, `-`, `_`, starting with a letter or digit. */
const HANDLE = /^[a-z0-9][a-z0-9_-]{1,49}$/;

/** Whether `handle` is one the platform accepts. */
export function isValidHandle(handle: string): boolean {
  return HANDLE.test(handle);
}

/** A handle made from a folder's name: lower case, other characters as `-`, at most 50. */
export function handleFromFolder(folder: string): string {
  return basename(resolve(folder))
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+/, "")
    .slice(0, 50);
}
