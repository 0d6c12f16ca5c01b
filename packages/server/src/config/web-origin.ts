/**
 * `value` as a web origin (`https://app.example.com`, `http://localhost:5173`), lower-cased
 * as browsers send it, or undefined when it is not exactly an origin: a scheme other than
 * http(s), a path, a query, credentials, or a wildcard.
 */
export function webOrigin(value: string): string | undefined {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  if (url.username || url.password || url.hostname.includes("*")) return undefined;
  // A trailing slash is harmless; a path, query or fragment means it is not an origin.
  if (url.pathname !== "/" || /[?#]/.test(trimmed)) return undefined;
  return url.origin;
}

/** Whether every comma-separated entry of `value` is a web origin. */
export function isOriginList(value: string): boolean {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .every((entry) => webOrigin(entry) !== undefined);
}
