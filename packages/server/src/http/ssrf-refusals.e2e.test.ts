import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startApiTest, type ApiTestContext } from "../poe-api/testing/api-test-helpers.js";

/** Section 2 of the reliability and security reference: addresses no user URL may reach. */
const VECTORS = [
  ["http://169.254.169.254/latest/meta-data/", "169.254.169.254 is the cloud metadata address"],
  ["http://[::ffff:7f00:1]/", "::ffff:7f00:1 is an IPv4-mapped address"],
  ["http://[64:ff9b::a00:1]/", "64:ff9b::a00:1 is a NAT64 address"],
  ["http://100.64.0.1/", "100.64.0.1 is a carrier-grade NAT address"],
] as const;

/** Every connection the platform's outbound client opens goes through one of these agents. */
function spyOnOutboundConnections() {
  return [
    vi.spyOn(http.Agent.prototype, "createConnection"),
    vi.spyOn(https.Agent.prototype, "createConnection"),
  ];
}

/** Watches for connections and stops them, so a broken check fails the test and sends nothing. */
function refuseOutboundConnections() {
  return spyOnOutboundConnections().map((connect) =>
    connect.mockImplementation(() => {
      throw new Error("The test refused an outbound connection");
    }),
  );
}

// Development mode, loopback bots allowed and one internal host allowlisted: the most open
// configuration, and still none of it applies to these addresses.
describe("user-supplied URLs through the platform", () => {
  let test: ApiTestContext;
  beforeAll(async () => {
    test = await startApiTest({ env: { PARLOR_ALLOWED_BOT_HOSTS: "10.0.0.7:8080" } });
  });
  afterAll(() => test.platform.dispose());
  afterEach(() => vi.restoreAllMocks());

  it.each(VECTORS)(
    "the conformance check (POST /api/bots/check) refuses %s without connecting",
    async (url, reason) => {
      const connections = refuseOutboundConnections();
      const report = await test.user.json<{ checks: unknown[]; passed: boolean }>(
        "POST",
        "/api/bots/check",
        { url },
      );
      expect(report.passed).toBe(false);
      // The refusal is the only check: nothing else was tried against the address.
      expect(report.checks).toEqual([
        {
          name: "settings",
          passed: false,
          detail: expect.stringContaining(reason) as string,
        },
      ]);
      expect(JSON.stringify(report)).toContain("PARLOR_ALLOWED_BOT_HOSTS");
      for (const connect of connections) expect(connect).not.toHaveBeenCalled();
    },
  );

  it.each(VECTORS)(
    "the file-upload endpoint refuses a download_url of %s without connecting",
    async (url, reason) => {
      const connections = refuseOutboundConnections();
      const response = await fetch(`${test.botBaseUrl}file_upload_3RD_PARTY_POST`, {
        method: "POST",
        headers: { authorization: test.apiKey },
        body: new URLSearchParams({ download_url: url }),
      });
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe("download_failed");
      expect(error.message).toMatch(/^Could not download the file from /);
      expect(error.message).toContain(reason);
      expect(error.message).toContain("PARLOR_ALLOWED_BOT_HOSTS");
      for (const connect of connections) expect(connect).not.toHaveBeenCalled();
    },
  );

  it("sees the connection when it does download (control for the spy)", async () => {
    const origin = http.createServer((_request, response) => response.end("hello"));
    await new Promise<void>((resolve) => origin.listen(0, "127.0.0.1", resolve));
    try {
      const [connect] = spyOnOutboundConnections();
      const { port } = origin.address() as AddressInfo;
      const response = await fetch(`${test.botBaseUrl}file_upload_3RD_PARTY_POST`, {
        method: "POST",
        headers: { authorization: test.apiKey },
        body: new URLSearchParams({ download_url: `http://127.0.0.1:${port}/hello.txt` }),
      });
      expect(response.status).toBe(200);
      expect(connect).toHaveBeenCalled();
    } finally {
      origin.closeAllConnections();
      origin.close();
    }
  });
});
