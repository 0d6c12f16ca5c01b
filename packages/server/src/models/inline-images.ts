import { readFile } from "node:fs/promises";
import type { ProtocolMessage } from "@parlor/protocol";
import { filePath } from "../poe-api/files/file-storage.js";
import { isValidFileSignature } from "../poe-api/files/signed-file-url.js";
import type { Store } from "../store/store.js";

/** Images larger than this stay URLs: vendors refuse bigger inline images anyway. */
const MAX_INLINE_BYTES = 20 * 1024 * 1024;

const OUR_FILE_URL = /\/files\/([^/?#]+)\?expires=(\d{1,15})&signature=([\w-]+)/;

/**
 * Replaces the platform's own signed URLs of image attachments by `data:` URLs with the bytes
 * from the file store: a vendor cannot reach a laptop's (or a private network's) address.
 * Other URLs, bad signatures and files that are gone stay as they were.
 */
export function createImageInliner(deps: {
  store: Store;
  dataDir: string;
  secret: string;
  clock: () => number;
}) {
  async function inline(url: string): Promise<string> {
    const match = OUR_FILE_URL.exec(url);
    if (!match) return url;
    const [, encodedId, expires, signature] = match as unknown as [string, string, string, string];
    let id: string;
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      return url;
    }
    const now = deps.clock();
    if (!isValidFileSignature({ secret: deps.secret, id, expires, signature, now })) return url;
    const file = await deps.store.files.findById(id);
    if (!file || file.size > MAX_INLINE_BYTES || !file.content_type.startsWith("image/"))
      return url;
    const bytes = await readFile(filePath(deps.dataDir, file.storage_key));
    return `data:${file.content_type};base64,${bytes.toString("base64")}`;
  }

  return async (query: ProtocolMessage[]): Promise<ProtocolMessage[]> =>
    Promise.all(
      query.map(async (message) => {
        if (!message.attachments.some((a) => a.content_type.startsWith("image/"))) return message;
        const attachments = await Promise.all(
          message.attachments.map(async (attachment) =>
            attachment.content_type.startsWith("image/")
              ? { ...attachment, url: await inline(attachment.url) }
              : attachment,
          ),
        );
        return { ...message, attachments };
      }),
    );
}

/** Inlines a query's images (see `createImageInliner`). */
export type ImageInliner = ReturnType<typeof createImageInliner>;
