import { Hono } from "hono";
import { NotFoundError } from "../../errors.js";
import { readFileBytes } from "../../poe-api/files/file-storage.js";
import { isValidFileSignature } from "../../poe-api/files/signed-file-url.js";
import { uploadFileName } from "../../poe-api/files/upload-file-name.js";
import type { AppEnv } from "../app-env.js";

/**
 * Serves stored files by signed URL (`/files/<id>?expires=…&signature=…`). A missing, expired
 * or forged signature is a 404, like a file that does not exist, so nothing can be probed.
 */
export const fileRoutes = new Hono<AppEnv>().get("/:id", async (context) => {
  const { config, clock, store } = context.var.platform;
  const id = context.req.param("id");
  const valid = isValidFileSignature({
    secret: config.secret,
    id,
    expires: context.req.query("expires"),
    signature: context.req.query("signature"),
    now: clock(),
  });
  const file = valid ? await store.files.findById(id) : undefined;
  if (!file) throw new NotFoundError("File");
  return new Response(readFileBytes(config.dataDir, file.storage_key), {
    headers: {
      "content-type": file.content_type,
      "content-length": String(file.size),
      // Reduced again: names stored before uploads were reduced may still carry a path.
      "content-disposition": `inline; filename*=UTF-8''${encodeURIComponent(uploadFileName(file.name))}`,
      "cache-control": "private, max-age=3600",
      // Uploaded HTML or SVG must not run as our origin.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "x-content-type-options": "nosniff",
    },
  });
});
