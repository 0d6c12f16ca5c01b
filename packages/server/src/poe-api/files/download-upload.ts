import { MAX_FILE_BYTES } from "@parlor/protocol";
import { invalidField, InvalidRequestError } from "../../errors.js";
import { OutboundError, type OutboundClient } from "../../outbound/index.js";
import { guessContentType } from "./guess-content-type.js";
import { fileTooLarge } from "./upload-errors.js";
import { uploadFileName } from "./upload-file-name.js";

/** A file ready to store. */
export interface UploadedBytes {
  bytes: Uint8Array;
  name: string;
  contentType: string;
}

function nameFromUrl(url: URL): string {
  const last = url.pathname.split("/").pop();
  try {
    return last ? decodeURIComponent(last) : "file";
  } catch {
    return last ?? "file";
  }
}

/**
 * Fetches `download_url` through the SSRF-safe outbound client (no private addresses, no
 * redirects, 50 MB cap). Errors name the host only: a URL's path may hold a secret.
 */
export async function downloadUpload(
  outbound: OutboundClient,
  downloadUrl: string,
  fileName: string | undefined,
): Promise<UploadedBytes> {
  let url: URL;
  try {
    url = new URL(downloadUrl);
  } catch {
    throw invalidField("download_url", "download_url is not a valid URL");
  }
  try {
    const response = await outbound.request({
      url: url.href,
      method: "GET",
      firstByteTimeoutMs: 30_000,
      totalTimeoutMs: 120_000,
      maxBodyBytes: MAX_FILE_BYTES,
    });
    if (response.status !== 200) {
      response.cancel();
      throw new InvalidRequestError(
        `Could not download the file from ${url.host}: it answered HTTP ${response.status}`,
      );
    }
    const chunks: Uint8Array[] = [];
    for await (const chunk of response.body) chunks.push(chunk);
    const name = uploadFileName(fileName || nameFromUrl(url));
    const declared = response.headers["content-type"];
    return {
      bytes: Buffer.concat(chunks),
      name,
      contentType: guessContentType(name, typeof declared === "string" ? declared : undefined),
    };
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    if (error.code === "body_too_large") throw fileTooLarge();
    throw new InvalidRequestError(
      `Could not download the file from ${url.host}: ${error.message}`,
      "download_failed",
    );
  }
}
