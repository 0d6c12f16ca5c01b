import { once } from "node:events";
import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** Another website on 127.0.0.1 serving files, and what it was asked. */
export interface ImageSite {
  url: string;
  /** `127.0.0.1:<port>`, as error messages name it. */
  host: string;
  /** Every request it received: path with query, and headers. */
  received: { path: string; headers: IncomingHttpHeaders }[];
  close(): void;
}

/**
 * Starts a site that answers each path in `files` with that content type and body (whatever the
 * bytes really are), each path in `redirects` with a 302 there, and anything else with a 404.
 */
export async function startImageSite(
  files: Record<string, [contentType: string, body: Buffer]>,
  redirects: Record<string, string> = {},
): Promise<ImageSite> {
  const received: ImageSite["received"] = [];
  const server = http.createServer((request, response) => {
    received.push({ path: request.url ?? "", headers: request.headers });
    const path = new URL(request.url ?? "/", "http://site").pathname;
    const location = redirects[path];
    if (location) return response.writeHead(302, { location }).end();
    const file = files[path];
    if (!file) return response.writeHead(404).end("missing");
    response.writeHead(200, { "content-type": file[0] }).end(file[1]);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `http://${host}`,
    host,
    received,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}
