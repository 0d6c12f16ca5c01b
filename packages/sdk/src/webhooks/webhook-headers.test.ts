import { describe, expect, it } from "vitest";
import { verifyWebhook } from "./verify-webhook.js";
import { webhookHeaders } from "./webhook-headers.js";
import { generateWebhookSecret } from "./webhook-secret.js";

describe("webhookHeaders", () => {
  it("signs with the current time when no timestamp is given, and verifies", () => {
    const secret = generateWebhookSecret();
    const now = () => 1_700_000_000_123;
    const body = '{"type":"query"}';
    const headers = webhookHeaders({ secret, id: "m-1", body, now });
    expect(headers["webhook-id"]).toBe("m-1");
    expect(headers["webhook-timestamp"]).toBe("1700000000");
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(() => verifyWebhook({ secret, headers, body, now })).not.toThrow();
  });

  it("reproduces the published vector with an explicit timestamp", () => {
    const headers = webhookHeaders({
      secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
    });
    expect(headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });
});

describe("generateWebhookSecret", () => {
  it("returns whsec_ and the base64 of 32 fresh random bytes", () => {
    const first = generateWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(first);
  });
});
