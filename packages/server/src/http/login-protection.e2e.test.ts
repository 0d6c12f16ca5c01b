import { afterEach, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../testing/test-databases.js";
import { requestFrom } from "../testing/request-from.js";
import { startTestPlatform, type TestPlatform } from "../testing/test-platform.js";

const PASSWORD = "correct horse battery";
const HERE = "127.0.0.1";
const ELSEWHERE = "127.0.0.2";

describe.each(TEST_DIALECTS)("login protection on %s", (dialect) => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  const logInFrom = (address: string, email: string, password: string, headers = {}) =>
    requestFrom(address, `${platform!.url}/api/auth/login`, {
      body: { email, password },
      headers,
    });

  it("lets the owner log in from another address after 10 wrong passwords from one", async () => {
    platform = await startTestPlatform(dialect);
    await platform.signUp("owner@example.com", PASSWORD);
    for (let i = 0; i < 10; i++)
      expect((await logInFrom(HERE, "owner@example.com", `guess ${i}`)).status).toBe(401);
    const refused = await logInFrom(HERE, "owner@example.com", PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);

    const owner = await logInFrom(ELSEWHERE, "owner@example.com", PASSWORD);
    expect(owner.status).toBe(200);
    expect(owner.body).toMatchObject({ user: { email: "owner@example.com" } });
  });

  it("limits one address's failures over every account, and no other address's", async () => {
    platform = await startTestPlatform(dialect, {
      env: { PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE: "2" },
    });
    await platform.signUp("owner@example.com", PASSWORD);
    // Two failures per account, on three accounts: the address's six.
    for (const email of ["a@example.com", "b@example.com", "c@example.com"])
      for (let i = 0; i < 2; i++) expect((await logInFrom(HERE, email, "wrong")).status).toBe(401);
    const refused = await logInFrom(HERE, "owner@example.com", PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/from your address/) as string,
      },
    });
    expect((await logInFrom(ELSEWHERE, "owner@example.com", PASSWORD)).status).toBe(200);
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    platform = await startTestPlatform(dialect, {
      env: { PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE: "2", PARLOR_TRUSTED_PROXIES: HERE },
    });
    await platform.signUp("owner@example.com", PASSWORD);
    const viaProxy = (client: string, password: string) =>
      logInFrom(HERE, "owner@example.com", password, { "x-forwarded-for": client });
    expect((await viaProxy("203.0.113.7", "wrong")).status).toBe(401);
    expect((await viaProxy("203.0.113.7", "wrong")).status).toBe(401);
    expect((await viaProxy("203.0.113.7", PASSWORD)).status).toBe(429);
    // Another client behind the same proxy is another address.
    expect((await viaProxy("203.0.113.8", PASSWORD)).status).toBe(200);
    // From an untrusted address the header is the client's say-so, and ignored.
    for (const client of ["198.51.100.1", "198.51.100.2", "198.51.100.3"])
      expect(
        (await logInFrom(ELSEWHERE, "owner@example.com", "wrong", { "x-forwarded-for": client }))
          .status,
      ).not.toBe(200);
    expect(
      (
        await logInFrom(ELSEWHERE, "owner@example.com", PASSWORD, {
          "x-forwarded-for": "198.51.100.9",
        })
      ).status,
    ).toBe(429);
  });

  it("refuses a password over 1,024 characters at login before hashing it", async () => {
    platform = await startTestPlatform(dialect);
    await platform.signUp("owner@example.com", PASSWORD);
    const started = performance.now();
    const refused = await logInFrom(HERE, "owner@example.com", "x".repeat(1_000_000));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: { message: "Passwords are at most 1,024 characters long." },
    });
    // A 1 MB password through scrypt would take far longer than this.
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await logInFrom(HERE, "owner@example.com", PASSWORD)).status).toBe(200);
  });
});

describe("login timing", () => {
  let platform: TestPlatform | undefined;
  afterEach(async () => {
    await platform?.dispose();
    platform = undefined;
  });

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return (
      (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) /
      2
    );
  };

  it("answers an unknown email as slowly as a known one with a wrong password", async () => {
    platform = await startTestPlatform("sqlite", {
      env: { PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE: "1000" },
    });
    await platform.signUp("owner@example.com", PASSWORD);
    const timeLogin = async (email: string) => {
      const started = performance.now();
      const response = await requestFrom(HERE, `${platform!.url}/api/auth/login`, {
        body: { email, password: "not the password" },
      });
      expect(response.status).toBe(401);
      return performance.now() - started;
    };
    for (let i = 0; i < 3; i++) await timeLogin("owner@example.com"); // warm up
    const known: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so a burst of load elsewhere on the machine slows both kinds alike.
    for (let i = 0; i < 50; i++) {
      known.push(await timeLogin("owner@example.com"));
      unknown.push(await timeLogin(`nobody${i}@example.com`));
    }
    const [knownMedian, unknownMedian] = [median(known), median(unknown)];
    expect(Math.abs(knownMedian - unknownMedian) / knownMedian).toBeLessThan(0.1);
  }, 60_000);
});
