import { describe, expect, it } from "vitest";
import { startTestPlatform } from "../testing/test-platform.js";

describe("what the platform says about its development switches", () => {
  for (const [switchOn, expected] of [
    [false, []],
    [true, ["PARLOR_ALLOW_LOOPBACK_BOTS"]],
  ] as const) {
    it(`with PARLOR_ALLOW_LOOPBACK_BOTS=${switchOn}: /healthz and the admin status`, async () => {
      const platform = await startTestPlatform("sqlite", {
        env: {
          PARLOR_ALLOW_LOOPBACK_BOTS: String(switchOn),
          PARLOR_ALLOWED_BOT_HOSTS: "bots.internal:9000",
        },
      });
      try {
        const health = await fetch(`${platform.url}/healthz`);
        expect(await health.json()).toEqual({
          ok: true,
          schema_version: expect.stringMatching(/^\d{4}-[a-z-]+$/) as unknown,
          development_switches: expected,
        });
        const admin = await platform.signUp("admin@example.com");
        expect(await admin.json("GET", "/api/admin/status")).toEqual({
          environment: "development",
          host: "127.0.0.1",
          allow_loopback_bots: switchOn,
          allowed_bot_hosts: ["bots.internal:9000"],
          allowed_bot_ports: null,
          development_switches: expected,
        });
        const member = await platform.signUp("member@example.com");
        expect((await member.request("GET", "/api/admin/status")).status).toBe(404);
      } finally {
        await platform.dispose();
      }
    });
  }
});
