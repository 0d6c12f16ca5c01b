import { readFile } from "node:fs/promises";
import { MAX_FILES_PER_REPLY, MAX_REPLY_CHARACTERS } from "@parlor/protocol";
import type { Actor } from "../auth/accounts.js";
import { authorize } from "../auth/authorize.js";
import { invalidField, NotFoundError } from "../errors.js";
import { filePath } from "../poe-api/files/file-storage.js";
import type { Store } from "../store/store.js";
import type { StoredAttachment } from "./build-query-request.js";

/** Types whose bytes are text a bot can read as `parsed_content`. */
function isText(contentType: string): boolean {
  return (
    contentType.startsWith("text/") || ["application/json", "application/xml"].includes(contentType)
  );
}

/** Text files larger than this are attached without parsed content. */
const MAX_PARSED_BYTES = 1024 * 1024;

/**
 * Turns the file ids a user attaches to a message into stored attachments: each must be the
 * user's own upload; text files carry their text (cut to the reply limit) for `parsed_content`.
 */
export function createAttachmentLoader(store: Store, dataDir: string) {
  return async (actor: Actor, fileIds: unknown): Promise<StoredAttachment[]> => {
    if (fileIds === undefined) return [];
    if (!Array.isArray(fileIds) || !fileIds.every((id): id is string => typeof id === "string")) {
      throw invalidField(
        "attachments",
        "attachments must be a list of file ids from POST /api/files",
      );
    }
    if (fileIds.length > MAX_FILES_PER_REPLY) {
      throw invalidField(
        "attachments",
        `A message may have at most ${MAX_FILES_PER_REPLY} attachments`,
      );
    }
    const attachments: StoredAttachment[] = [];
    for (const id of fileIds) {
      const file = await store.files.findById(id);
      if (!file || !authorize(actor, "read", { kind: "file", ownerId: file.owner_id })) {
        throw new NotFoundError(`File "${id}"`);
      }
      const attachment: StoredAttachment = {
        file_id: file.id,
        name: file.name,
        content_type: file.content_type,
      };
      if (isText(file.content_type) && file.size <= MAX_PARSED_BYTES) {
        const text = await readFile(filePath(dataDir, file.storage_key), "utf8");
        attachment.text = text.slice(0, MAX_REPLY_CHARACTERS);
      }
      attachments.push(attachment);
    }
    return attachments;
  };
}
