import { createReadStream } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";

/** Where a stored file's bytes live: `<dataDir>/files/<storage key>`. */
export function filePath(dataDir: string, storageKey: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(storageKey)) throw new Error(`Bad storage key ${storageKey}`);
  return join(dataDir, "files", storageKey);
}

/** Writes a file's bytes; the row in `store.files` is written after, so it never points nowhere. */
export async function saveFileBytes(
  dataDir: string,
  storageKey: string,
  bytes: Uint8Array,
): Promise<void> {
  await mkdir(join(dataDir, "files"), { recursive: true });
  await writeFile(filePath(dataDir, storageKey), bytes, { mode: 0o600 });
}

/** A stored file's bytes as a web stream, for a response body. */
export function readFileBytes(dataDir: string, storageKey: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(
    createReadStream(filePath(dataDir, storageKey)),
  ) as ReadableStream<Uint8Array>;
}
