import { AttachmentUploadError } from "../errors.js";
import { abortableSleep } from "./abortable-sleep.js";
import {
  DEFAULT_UPLOAD_BASE_URL,
  defaultErrorHandler,
  type ClientOptions,
  type ErrorHandler,
} from "./client-options.js";
import { mergeHeaders } from "./merge-headers.js";
import { timeoutSignal } from "./timeout-signal.js";

/** Options of `uploadFile`: exactly one of `file` and `fileUrl`. */
export interface UploadFileOptions extends ClientOptions {
  /** The file's bytes. */
  file?: Blob | Uint8Array;
  /** A public URL the platform downloads the file from. */
  fileUrl?: string;
  fileName?: string;
  /** The bot's access key or a user API key. */
  apiKey: string;
  extraHeaders?: Record<string, string>;
  /** Tries when the platform cannot be reached; an HTTP error is not retried. */
  numTries?: number;
  retrySleepMs?: number;
  onError?: ErrorHandler;
  /** Gives up on a try after this long; defaults to 120 s. */
  timeoutMs?: number;
}

/** A file hosted by the platform, ready for a `file` event or a message's attachments. */
export interface UploadedFile {
  url: string;
  contentType: string;
  name: string;
  inlineRef: null;
  parsedContent: null;
}

function uploadBody(options: UploadFileOptions, name: string): FormData | URLSearchParams {
  if (options.file !== undefined) {
    const blob =
      options.file instanceof Blob ? options.file : new Blob([new Uint8Array(options.file)]);
    const form = new FormData();
    form.append("file", blob, name);
    return form;
  }
  const form = new URLSearchParams({ download_url: options.fileUrl ?? "" });
  if (options.fileName !== undefined) form.append("download_filename", options.fileName);
  return form;
}

function fileName(options: UploadFileOptions): string {
  if (options.fileName) return options.fileName;
  if (options.file instanceof File && options.file.name) return options.file.name;
  const fromUrl = options.fileUrl ? new URL(options.fileUrl).pathname.split("/").pop() : undefined;
  return fromUrl ? decodeURIComponent(fromUrl) : "file";
}

async function readUpload(response: Response, name: string): Promise<UploadedFile> {
  const text = await response.text();
  if (response.status !== 200) {
    throw new AttachmentUploadError(`${response.status} ${response.statusText}: ${text}`);
  }
  let parsed: { attachment_url?: unknown; mime_type?: unknown };
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new AttachmentUploadError(`Upload answer is not JSON: ${text.slice(0, 200)}`);
  }
  const { attachment_url: url, mime_type: contentType } = parsed;
  if (typeof url !== "string" || typeof contentType !== "string") {
    throw new AttachmentUploadError(
      `Upload answer lacks attachment_url or mime_type: ${text.slice(0, 200)}`,
    );
  }
  return { url, contentType, name, inlineRef: null, parsedContent: null };
}

/**
 * Uploads a file to the platform (`file_upload_3RD_PARTY_POST`) so a bot can attach it to a
 * reply: the bytes as multipart `file`, or a URL for the platform to download. Throws
 * `AttachmentUploadError` when the platform refuses it.
 */
export async function uploadFile(options: UploadFileOptions): Promise<UploadedFile> {
  if ((options.file === undefined) === (options.fileUrl === undefined)) {
    throw new TypeError("uploadFile needs exactly one of file and fileUrl");
  }
  const name = fileName(options);
  const numTries = options.numTries ?? 2;
  for (let tryIndex = 0; ; tryIndex += 1) {
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(
        `${options.baseUrl ?? DEFAULT_UPLOAD_BASE_URL}file_upload_3RD_PARTY_POST`,
        {
          method: "POST",
          // The upload endpoint takes the raw key, without `Bearer`.
          headers: mergeHeaders({ Authorization: options.apiKey }, options.extraHeaders),
          body: uploadBody(options, name),
          signal: timeoutSignal(options.timeoutMs ?? 120_000, options.signal),
        },
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const failure = error instanceof Error ? error : new Error(String(error));
      if (tryIndex >= numTries - 1)
        throw new AttachmentUploadError(`Upload failed: ${failure.message}`);
      (options.onError ?? defaultErrorHandler)(failure, `Upload failed on try ${tryIndex}`);
      await abortableSleep(options.retrySleepMs ?? 500, options.signal);
      continue;
    }
    return readUpload(response, name);
  }
}
