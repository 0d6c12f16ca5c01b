import {
  IMAGE_TYPE_NAMES,
  looksLikeSvg,
  sniffImageType,
  type ImageType,
} from "./sniff-image-type.js";

/** Image bytes whose type was read from the bytes themselves. */
export interface CheckedImage {
  bytes: Uint8Array;
  contentType: ImageType;
}

/** `PNG, JPEG, WebP or GIF`. */
export function namesOf(accepted: readonly ImageType[]): string {
  const names = accepted.map((type) => IMAGE_TYPE_NAMES[type]);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names.join("");
}

/**
 * The bytes as one of the `accepted` image types, or the reason they are not one, worded for
 * whoever chose the file: SVG is named apart, since it is refused on purpose.
 */
export function acceptImage(
  bytes: Uint8Array,
  accepted: readonly ImageType[],
): CheckedImage | { problem: string } {
  const contentType = sniffImageType(bytes);
  if (contentType && accepted.includes(contentType)) return { bytes, contentType };
  const allowed = namesOf(accepted);
  if (bytes.length === 0) return { problem: `the file is empty; send a ${allowed} image` };
  if (looksLikeSvg(bytes))
    return { problem: `SVG images are not accepted (they can carry scripts); use ${allowed}` };
  if (contentType)
    return {
      problem: `${IMAGE_TYPE_NAMES[contentType]} images are not accepted here; use ${allowed}`,
    };
  return {
    problem: `not a ${allowed} image (the type is read from the file's bytes, whatever its name or declared type)`,
  };
}
