import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import { Hono, type Context } from "hono";
import { requestHeader } from "./request-header.js";
import { PAGE_SECURITY_HEADERS, contentSecurityPolicy } from "./content-security-policy.js";

/** The built web app, next to this package in the workspace (`packages/web/dist`). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL("../../../web/dist", import.meta.url));

/** Paths that belong to the APIs: never answered with the app's page. */
const API_PREFIXES = ["/api/", "/bot/", "/v1/", "/files/"];
const NONCE_PLACEHOLDER = /PARLOR_CSP_NONCE/g;

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".json": "application/json",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".ico": "image/x-icon",
};

/** A static file held in memory with its compressed forms, made once on first request. */
interface CachedFile {
  body: Buffer;
  gzip?: Promise<Buffer>;
  brotli?: Promise<Buffer>;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/**
 * Quality 9, not brotli's default 11: 7% larger, but 0.1 s instead of 1.6 s for the app's
 * bundle here. Compression runs on libuv's thread pool, never on the event loop that streams
 * replies.
 */
const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } };

/**
 * Serves the web app: its hashed assets (cached for a year, compressed), and for every other
 * GET that is not an API path, `index.html` with a fresh CSP nonce, so client routes such as
 * `/c/<id>` load the app. Without a build it says how to make one.
 */
export function webAppRoutes(webDir: string = DEFAULT_WEB_DIR) {
  const cache = new Map<string, CachedFile>();
  const read = (path: string): CachedFile | undefined => {
    const known = cache.get(path);
    if (known) return known;
    if (!existsSync(path)) return undefined;
    const file = { body: readFileSync(path) };
    cache.set(path, file);
    return file;
  };

  const app = new Hono();
  app.get("*", async (context, next) => {
    const path = context.req.path;
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) return next();
    const file = path === "/" ? undefined : staticFile(webDir, path, read);
    if (file) return serveStatic(context, path, file);
    const index = read(join(webDir, "index.html"));
    if (!index) {
      return context.text(
        "The web app is not built yet: run `npm run build` (npm start does it for you).",
        503,
      );
    }
    const nonce = randomBytes(16).toString("base64");
    return context.html(index.body.toString("utf8").replace(NONCE_PLACEHOLDER, nonce), 200, {
      ...PAGE_SECURITY_HEADERS,
      link: preloadsFor(path),
      "content-security-policy": contentSecurityPolicy(nonce),
      "cache-control": "no-cache",
    });
  });
  return app;
}

/**
 * What the page at `path` will fetch first, as `Link: rel=preload` so the browser asks while it
 * is still loading the app's script (on a slow phone, seconds sooner): who is signed in, and for
 * a conversation page the conversation and the bots. The URLs are exactly the app's own.
 */
export function preloadsFor(path: string): string {
  const urls = ["/api/auth/me"];
  const conversation = /^\/c\/(conv_[A-Za-z0-9_-]+)$/.exec(path)?.[1];
  if (conversation) urls.push(`/api/conversations/${conversation}`, "/api/bots");
  return urls.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(", ");
}

/** A file of the build at `path`, if there is one (never outside the build folder). */
function staticFile(
  webDir: string,
  path: string,
  read: (path: string) => CachedFile | undefined,
): CachedFile | undefined {
  const relative = normalize(decodeURIComponent(path)).replace(/^[/\\]+/, "");
  if (relative.startsWith("..") || relative === "index.html" || !extname(relative)) return;
  const full = join(webDir, relative);
  if (!full.startsWith(webDir + sep)) return undefined;
  return read(full);
}

async function serveStatic(context: Context, path: string, file: CachedFile): Promise<Response> {
  const hashed = path.startsWith("/assets/");
  const headers: Record<string, string> = {
    "content-type": CONTENT_TYPES[extname(path)] ?? "application/octet-stream",
    "cache-control": hashed ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    "x-content-type-options": "nosniff",
    vary: "accept-encoding",
  };
  const accepted = requestHeader(context, "accept-encoding") ?? "";
  const compressible = /^(text\/|application\/json|image\/svg)/.test(headers["content-type"]!);
  if (compressible && accepted.includes("br")) {
    file.brotli ??= brotli(file.body, BROTLI_OPTIONS);
    return new Response(await file.brotli, { headers: { ...headers, "content-encoding": "br" } });
  }
  if (compressible && accepted.includes("gzip")) {
    file.gzip ??= gzipped(file.body);
    return new Response(await file.gzip, { headers: { ...headers, "content-encoding": "gzip" } });
  }
  return new Response(file.body, { headers });
}
