import { describe, expect, it } from "vitest";
import { signWebhook } from "./sign-webhook.js";
import { WebhookVerificationError } from "./webhook-verification-error.js";

// The known-answer vector published with the Standard Webhooks reference library.
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

describe("signWebhook", () => {
  it("reproduces the published Standard Webhooks vector", () => {
    expect(signWebhook(vector)).toBe(vector.signature);
  });

  it("accepts the secret without the whsec_ prefix", () => {
    expect(signWebhook({ ...vector, secret: vector.secret.slice("whsec_".length) })).toBe(
      vector.signature,
    );
  });

  it("signs a body given as bytes exactly like the same body given as text", () => {
    expect(signWebhook({ ...vector, body: new TextEncoder().encode(vector.body) })).toBe(
      vector.signature,
    );
  });

  it("rejects an empty or non-base64 secret", () => {
    for (const secret of ["", "whsec_", "whsec_not base64!"]) {
      expect(() => signWebhook({ ...vector, secret })).toThrow(WebhookVerificationError);
    }
  });

  it("rejects a timestamp that is not whole seconds", () => {
    expect(() => signWebhook({ ...vector, timestamp: 1614265330.5 })).toThrow(RangeError);
  });
});
