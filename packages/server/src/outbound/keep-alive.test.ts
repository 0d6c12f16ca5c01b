import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOutboundClient } from "./create-outbound-client.js";

describe("connection reuse", () => {
  let server: Server | undefined;
  afterEach(
    () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
  );

  it("reuses the connection when the reader stops at the end of a stream", async () => {
    let connections = 0;
    server = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write("event: done\r\ndata: {}\r\n\r\n");
      // The terminating chunk comes a moment after the last event, as from a real bot.
      setTimeout(() => response.end(), 5);
    });
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const client = createOutboundClient({
      allowedHosts: [],
      allowLoopback: true,
      requireHttps: false,
    });
    for (let call = 0; call < 5; call++) {
      const response = await client.request({ url, method: "POST", body: "{}" });
      for await (const chunk of response.body) {
        expect(Buffer.from(chunk).toString()).toContain("done");
        break; // like the dispatcher at `done`
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    client.close();
    expect(connections).toBe(1);
  });
});
