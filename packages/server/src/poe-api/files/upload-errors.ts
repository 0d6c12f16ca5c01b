import { MAX_FILE_BYTES } from "@parlor/protocol";
import { PlatformError } from "../../errors.js";

/** A file over the protocol's 50 MB cap. */
export function fileTooLarge(): PlatformError {
  return new PlatformError(
    "file_too_large",
    413,
    `Files may be at most ${MAX_FILE_BYTES / (1024 * 1024)} MB`,
  );
}
