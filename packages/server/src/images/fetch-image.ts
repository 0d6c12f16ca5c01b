import { OutboundError, type OutboundClient, type OutboundResponse } from "../outbound/index.js";
import { acceptImage, type CheckedImage } from "./accept-image.js";
import { ImageFetchError } from "./image-fetch-error.js";
import type { ImageType } from "./sniff-image-type.js";

/** Limits of one image fetch. */
export interface ImageFetchOptions {
  accepted: readonly ImageType[];
  maxBytes: number;
  /** From the call to the last byte. */
  totalTimeoutMs: number;
}

/** Outbound refusals that are about the URL, not about the site behind it. */
const REFUSALS = new Set(["invalid_url", "https_required", "blocked_address", "port_not_allowed"]);

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * Fetches an image from a user-supplied URL through the outbound client (its address rules, no
 * redirects), with no cookies and no referrer (the client sends only the headers given here),
 * and checks the bytes are one of the accepted types. Errors name the host only, never the
 * path or query, which may hold secrets.
 */
export async function fetchImage(
  outbound: OutboundClient,
  url: string,
  options: ImageFetchOptions,
): Promise<CheckedImage> {
  const host = hostOf(url);
  let response: OutboundResponse;
  try {
    response = await outbound.request({
      url,
      method: "GET",
      headers: { accept: options.accepted.join(", "), "user-agent": "Parlor image fetcher" },
      firstByteTimeoutMs: Math.min(5_000, options.totalTimeoutMs),
      totalTimeoutMs: options.totalTimeoutMs,
      maxBodyBytes: options.maxBytes,
    });
  } catch (error) {
    throw failure(error, host, options.maxBytes);
  }
  if (response.status !== 200) {
    response.cancel();
    throw new ImageFetchError(
      `Could not fetch the image from ${host}: it answered HTTP ${response.status}`,
      false,
    );
  }
  const chunks: Uint8Array[] = [];
  try {
    for await (const chunk of response.body) chunks.push(chunk);
  } catch (error) {
    throw failure(error, host, options.maxBytes);
  }
  const image = acceptImage(Buffer.concat(chunks), options.accepted);
  if ("problem" in image)
    throw new ImageFetchError(`The file at ${host} was refused: ${image.problem}`, false);
  return image;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    throw new ImageFetchError("The image URL could not be parsed; check it for typos", true);
  }
}

function failure(error: unknown, host: string, maxBytes: number): unknown {
  if (!(error instanceof OutboundError)) return error;
  if (error.code === "body_too_large")
    return new ImageFetchError(`The image at ${host} is larger than ${megabytes(maxBytes)}`, false);
  const refused = REFUSALS.has(error.code);
  return new ImageFetchError(`Could not fetch the image from ${host}: ${error.message}`, refused);
}
