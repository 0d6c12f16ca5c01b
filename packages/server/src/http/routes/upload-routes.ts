import { MAX_FILE_BYTES } from "@parlor/protocol";
import { Hono } from "hono";
import { randomId } from "../../auth/tokens.js";
import { saveFileBytes } from "../../poe-api/files/file-storage.js";
import { guessContentType } from "../../poe-api/files/guess-content-type.js";
import { fileTooLarge } from "../../poe-api/files/upload-errors.js";
import { uploadFileName } from "../../poe-api/files/upload-file-name.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { readFormFile } from "../read-form-file.js";

/** Users' own uploads, to attach to a message by id (`attachments: ["file_…"]`). */
export const uploadRoutes = new Hono<AppEnv>().post("/", async (context) => {
  const actor = requireActor(context);
  const { config, store, clock } = context.var.platform;
  const file = await readFormFile(context);
  if (file.size > MAX_FILE_BYTES) throw fileTooLarge();
  const id = randomId("file");
  const bytes = new Uint8Array(await file.arrayBuffer());
  await saveFileBytes(config.dataDir, id, bytes);
  const name = uploadFileName(file.name);
  const row = {
    id,
    owner_id: actor.userId,
    name,
    content_type: guessContentType(name, file.type),
    size: bytes.byteLength,
    storage_key: id,
    created_at: clock(),
  };
  await store.files.insert(row);
  return context.json(
    { file: { id, name: row.name, content_type: row.content_type, size: row.size } },
    201,
  );
});
