import { describe, expect, it } from "vitest";
import { verifyWebhook, type VerifyWebhookOptions } from "./verify-webhook.js";
import type { WebhookVerificationErrorCode } from "./webhook-verification-error.js";

const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
const timestamp = 1614265330;
const body = '{"test": 2432232314}';
const signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

const atSeconds = (seconds: number) => () => seconds * 1000;

function validOptions(overrides: Partial<VerifyWebhookOptions> = {}): VerifyWebhookOptions {
  return {
    secret,
    headers: {
      "webhook-id": id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signature,
    },
    body,
    now: atSeconds(timestamp),
    ...overrides,
  };
}

function withHeaders(headers: Record<string, string | undefined>): VerifyWebhookOptions {
  const base = validOptions().headers as Record<string, string>;
  return validOptions({ headers: { ...base, ...headers } });
}

function failureCode(options: VerifyWebhookOptions): WebhookVerificationErrorCode | undefined {
  try {
    verifyWebhook(options);
    return undefined;
  } catch (error) {
    return (error as { code?: WebhookVerificationErrorCode }).code;
  }
}

describe("verifyWebhook", () => {
  it("accepts the published vector", () => {
    expect(() => verifyWebhook(validOptions())).not.toThrow();
  });

  it("accepts the secret with and without the whsec_ prefix", () => {
    expect(failureCode(validOptions({ secret: secret.slice("whsec_".length) }))).toBeUndefined();
  });

  it("accepts the body as bytes as well as text", () => {
    expect(failureCode(validOptions({ body: new TextEncoder().encode(body) }))).toBeUndefined();
  });

  it("looks headers up case-insensitively in records and Headers objects", () => {
    const mixedCase = {
      "Webhook-Id": id,
      "WEBHOOK-TIMESTAMP": String(timestamp),
      "webhook-Signature": signature,
    };
    expect(failureCode(validOptions({ headers: mixedCase }))).toBeUndefined();
    expect(failureCode(validOptions({ headers: new Headers(mixedCase) }))).toBeUndefined();
  });

  it("passes a multi-signature header with one valid v1 entry among others", () => {
    const rotated = `v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v1a,${signature.slice(3)} ${signature}`;
    expect(failureCode(withHeaders({ "webhook-signature": rotated }))).toBeUndefined();
  });

  it("rejects an empty key", () => {
    expect(failureCode(validOptions({ secret: "" }))).toBe("invalid_secret");
  });

  it.each(["webhook-id", "webhook-timestamp", "webhook-signature"])(
    "rejects a missing %s",
    (name) => {
      expect(failureCode(withHeaders({ [name]: undefined }))).toBe("missing_headers");
    },
  );

  it.each(["notanumber", "1614265330.5", "-1614265330", "1e9", ""])(
    "rejects the timestamp %j",
    (value) => {
      const expected = value === "" ? "missing_headers" : "invalid_timestamp";
      expect(failureCode(withHeaders({ "webhook-timestamp": value }))).toBe(expected);
    },
  );

  it("rejects a bad signature", () => {
    const forged = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
    expect(failureCode(withHeaders({ "webhook-signature": forged }))).toBe("invalid_signature");
  });

  it("rejects a truncated signature", () => {
    expect(failureCode(withHeaders({ "webhook-signature": signature.slice(0, -2) }))).toBe(
      "invalid_signature",
    );
  });

  it("rejects a valid signature that is not marked v1", () => {
    const unversioned = `v2,${signature.slice(3)}`;
    expect(failureCode(withHeaders({ "webhook-signature": unversioned }))).toBe(
      "invalid_signature",
    );
  });

  it("rejects a changed body", () => {
    expect(failureCode(validOptions({ body: '{"test": 2432232315}' }))).toBe("invalid_signature");
  });

  it("accepts 300 s either way and rejects 301 s old or 301 s in the future", () => {
    expect(failureCode(validOptions({ now: atSeconds(timestamp + 300) }))).toBeUndefined();
    expect(failureCode(validOptions({ now: atSeconds(timestamp - 300) }))).toBeUndefined();
    expect(failureCode(validOptions({ now: atSeconds(timestamp + 301) }))).toBe(
      "timestamp_too_old",
    );
    expect(failureCode(validOptions({ now: atSeconds(timestamp - 301) }))).toBe(
      "timestamp_too_new",
    );
  });

  it("honours a custom tolerance", () => {
    const options = validOptions({ now: atSeconds(timestamp + 60), toleranceSeconds: 30 });
    expect(failureCode(options)).toBe("timestamp_too_old");
  });
});
