const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: "text/plain",
  md: "text/markdown",
  csv: "text/csv",
  html: "text/html",
  json: "application/json",
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
  mov: "video/quicktime",
  zip: "application/zip",
};

const GENERIC = "application/octet-stream";

/**
 * A file's MIME type: what the sender declared, unless that says nothing, then a guess from
 * the name's extension. Parameters such as `; charset=utf-8` are dropped.
 */
export function guessContentType(name: string, declared?: string | null): string {
  const given = declared?.split(";")[0]?.trim().toLowerCase();
  if (given && given !== GENERIC && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(given)) return given;
  const extension = name.split(".").pop()?.toLowerCase() ?? "";
  return BY_EXTENSION[extension] ?? GENERIC;
}
