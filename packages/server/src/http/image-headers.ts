/**
 * The headers of an image the platform serves (an avatar, a proxied image): its type as read
 * from its bytes, never sniffed again by the browser, and under a policy that lets nothing in it
 * run even when it is opened on its own.
 */
export function imageHeaders(
  contentType: string,
  size: number,
  maxAgeSeconds: number,
): Record<string, string> {
  return {
    "content-type": contentType,
    "content-length": String(size),
    "content-disposition": "inline",
    "content-security-policy": "default-src 'none'; sandbox",
    "x-content-type-options": "nosniff",
    "cache-control": `private, max-age=${maxAgeSeconds}`,
  };
}
