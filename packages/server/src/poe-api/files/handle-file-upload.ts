import { MAX_FILE_BYTES } from "@parlor/protocol";
import type { Context } from "hono";
import { randomId } from "../../auth/tokens.js";
import { InvalidRequestError } from "../../errors.js";
import type { AppEnv } from "../../http/app-env.js";
import { downloadUpload, type UploadedBytes } from "./download-upload.js";
import { saveFileBytes } from "./file-storage.js";
import { findUploader } from "./find-uploader.js";
import { guessContentType } from "./guess-content-type.js";
import { UPLOAD_URL_LIFETIME_MS, signedFileUrl } from "./signed-file-url.js";
import { fileTooLarge } from "./upload-errors.js";
import { uploadFileName } from "./upload-file-name.js";
import { requestHeader } from "../../http/request-header.js";

/** The uploaded file: multipart `file`, or `download_url` (+ `download_filename`) to fetch. */
async function readUpload(context: Context<AppEnv>): Promise<UploadedBytes> {
  let form: Record<string, string | File>;
  try {
    form = await context.req.parseBody();
  } catch {
    throw new InvalidRequestError("The body must be multipart/form-data or a URL-encoded form");
  }
  const { file, download_url: downloadUrl, download_filename: fileName } = form;
  if (file instanceof File) {
    if (file.size > MAX_FILE_BYTES) throw fileTooLarge();
    const name = uploadFileName((typeof fileName === "string" && fileName) || file.name);
    return {
      bytes: new Uint8Array(await file.arrayBuffer()),
      name,
      contentType: guessContentType(name, file.type),
    };
  }
  if (typeof downloadUrl === "string" && downloadUrl) {
    return downloadUpload(
      context.var.platform.outbound,
      downloadUrl,
      typeof fileName === "string" ? fileName : undefined,
    );
  }
  throw new InvalidRequestError("Send the file as multipart field 'file', or a 'download_url'");
}

/**
 * `POST /bot/file_upload_3RD_PARTY_POST`, as fastapi_poe's `upload_file` and the older
 * `post_message_attachment` call it (`message_id` and `is_inline` are accepted; the file is
 * bound to a reply by the bot's `file` event). Answers `{attachment_url, mime_type}` with a
 * signed URL valid for an hour.
 */
export async function handleFileUpload(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const { ownerId } = await findUploader(platform, requestHeader(context, "authorization"));
  const upload = await readUpload(context);
  const id = randomId("file");
  await saveFileBytes(platform.config.dataDir, id, upload.bytes);
  const now = platform.clock();
  await platform.store.files.insert({
    id,
    owner_id: ownerId,
    name: upload.name,
    content_type: upload.contentType,
    size: upload.bytes.byteLength,
    storage_key: id,
    created_at: now,
  });
  const attachmentUrl = signedFileUrl({
    baseUrl: platform.config.publicUrl ?? new URL(context.req.url).origin,
    secret: platform.config.secret,
    id,
    expiresAt: now + UPLOAD_URL_LIFETIME_MS,
  });
  return context.json({ attachment_url: attachmentUrl, mime_type: upload.contentType });
}
