import { Hono } from "hono";
import { z } from "zod";
import { fetchImage } from "../../images/fetch-image.js";
import type { ImageType } from "../../images/sniff-image-type.js";
import { parseInput } from "../../parse-input.js";
import type { AppEnv } from "../app-env.js";
import { requireActor } from "../authenticate.js";
import { imageHeaders } from "../image-headers.js";

/** What the proxy passes on: raster images only, never SVG. */
const PROXIED_TYPES: readonly ImageType[] = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
];

const querySchema = z.object({
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
});

/**
 * `GET /api/image-proxy?url=…`: another site's image, fetched by the platform for a signed-in
 * user who chose to see it. The web app loads Markdown images of other origins only this way
 * and only on a click, so an image a prompt injection planted cannot carry a conversation to
 * its site by itself; the site sees the platform, not the user's browser, cookies or referrer.
 */
export const imageProxyRoutes = new Hono<AppEnv>().get("/", async (context) => {
  requireActor(context);
  const { url } = parseInput(querySchema, { url: context.req.query("url") });
  const image = await fetchImage(context.var.platform.outbound, url, {
    accepted: PROXIED_TYPES,
    maxBytes: 5 * 1024 * 1024,
    totalTimeoutMs: 10_000,
  });
  return new Response(image.bytes, {
    headers: imageHeaders(image.contentType, image.bytes.byteLength, 3600),
  });
});
