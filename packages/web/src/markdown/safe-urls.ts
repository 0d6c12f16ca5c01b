/**
 * Every rule about which URLs from a bot's Markdown may reach the DOM, in one place. Bot output
 * is hostile: a `javascript:` link is an account takeover, and an image URL that loads on its
 * own leaks the conversation to whoever runs that host (Markdown image exfiltration).
 */

/** Where a click on "Load" sends an off-site image: the platform fetches it, not the browser. */
export const IMAGE_PROXY_PATH = "/api/image-proxy";

const linkSchemes = new Set(["http:", "https:", "mailto:"]);
const webSchemes = new Set(["http:", "https:"]);
/** Same-origin paths that may load without a click: platform files and API resources. */
const platformImagePrefixes = ["/files/", "/api/"];
// C0 controls, DEL, whitespace and the invisible characters browsers strip or ignore in URLs.
// eslint-disable-next-line no-control-regex
const suspiciousCharacters = /[\u0000-\u0020\u007f-\u00a0\u00ad\u2000-\u200f\u2028-\u202f\ufeff]/;
// A placeholder origin lets relative URLs parse when there is no page (tests, server render).
const unknownPageOrigin = "https://page-origin.invalid";

/**
 * The href a link may have, or undefined when it must render as plain text. Only absolute
 * `http:`, `https:` and `mailto:` URLs pass; the scheme is checked on the raw string and on the
 * parsed URL, so entity, case, whitespace and control-character tricks cannot disagree with the
 * browser's reading of it.
 */
export function safeLinkHref(raw: string): string | undefined {
  if (suspiciousCharacters.test(raw)) return undefined;
  if (!/^(?:https?:\/\/|mailto:)/i.test(raw)) return undefined;
  const url = parseUrl(raw);
  if (!url || !linkSchemes.has(url.protocol)) return undefined;
  if (webSchemes.has(url.protocol) && url.hostname === "") return undefined;
  return url.href;
}

/** What to do with an image: show it, offer to load it through the proxy, or never load it. */
export type ImageDecision =
  | { kind: "inline"; src: string }
  | { kind: "on-request"; url: string; host: string }
  | { kind: "blocked" };

/**
 * Decides how an image from a bot may load. Same-origin platform files (`/files/…`, `/api/…`)
 * and absolute URLs on the page's own origin load inline; any other http(s) image waits for a
 * click and then loads through the platform proxy; every other scheme never loads. A bot writing
 * a proxy URL itself gets the same click-to-load treatment as the URL inside it.
 */
export function decideImage(raw: string, pageOrigin?: string): ImageDecision {
  if (suspiciousCharacters.test(raw)) return { kind: "blocked" };
  const origin = pageOrigin ?? unknownPageOrigin;
  const isAbsolute = /^https?:\/\//i.test(raw);
  if (!isAbsolute && !raw.startsWith("/")) return { kind: "blocked" };
  const url = parseUrl(raw, origin);
  if (!url || !webSchemes.has(url.protocol) || url.hostname === "") return { kind: "blocked" };
  if (url.origin !== origin) {
    return isAbsolute ? { kind: "on-request", url: url.href, host: url.host } : { kind: "blocked" };
  }
  if (url.pathname === IMAGE_PROXY_PATH) {
    const inner = url.searchParams.get("url");
    return inner === null ? { kind: "blocked" } : decideExternalImage(inner);
  }
  if (!isAbsolute && !platformImagePrefixes.some((prefix) => url.pathname.startsWith(prefix))) {
    return { kind: "blocked" };
  }
  return { kind: "inline", src: isAbsolute ? url.href : url.pathname + url.search + url.hash };
}

/** The proxy URL that loads an off-site image the user asked for. */
export function imageProxySource(url: string): string {
  return `${IMAGE_PROXY_PATH}?url=${encodeURIComponent(url)}`;
}

/**
 * The URL filter handed to react-markdown for every URL attribute: links keep only safe hrefs,
 * images keep only http(s) and same-origin paths (the image component then decides how they
 * load), and anything else is dropped.
 */
export function markdownUrlTransform(url: string, key: string): string | undefined {
  if (key === "href") return safeLinkHref(url);
  if (key === "src") return decideImage(url).kind === "blocked" ? undefined : url;
  return undefined;
}

function decideExternalImage(raw: string): ImageDecision {
  if (suspiciousCharacters.test(raw) || !/^https?:\/\//i.test(raw)) return { kind: "blocked" };
  const url = parseUrl(raw);
  if (!url || !webSchemes.has(url.protocol) || url.hostname === "") return { kind: "blocked" };
  return { kind: "on-request", url: url.href, host: url.host };
}

function parseUrl(raw: string, base?: string): URL | undefined {
  try {
    return new URL(raw, base);
  } catch {
    return undefined;
  }
}
