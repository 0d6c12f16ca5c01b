import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../logger.js";
import { startOidcTestProvider, type OidcTestProvider } from "../../testing/oidc-test-provider.js";
import { TestBrowser } from "../../testing/test-browser.js";
import { TEST_DIALECTS } from "../../testing/test-databases.js";
import {
  startTestPlatform,
  type TestClient,
  type TestPlatform,
} from "../../testing/test-platform.js";

const CALLBACK_PATH = "/api/auth/oidc/callback";

describe.each(TEST_DIALECTS)("single sign-on with OpenID Connect (%s)", (dialect) => {
  let provider: OidcTestProvider;
  let platform: TestPlatform;
  let owner: TestClient;
  const logs: string[] = [];

  beforeAll(async () => {
    provider = await startOidcTestProvider();
    platform = await startTestPlatform(dialect, {
      env: {
        PARLOR_OIDC_ISSUER: provider.issuer,
        PARLOR_OIDC_CLIENT_ID: provider.clientId,
        PARLOR_OIDC_CLIENT_SECRET: provider.clientSecret,
        PARLOR_OIDC_NAME: "Acme staff",
        PARLOR_OIDC_ADMIN_GROUP: "parlor-admins",
      },
      overrides: { logger: createLogger("trace", { write: (line) => void logs.push(line) }) },
    });
    provider.registerClient(`${platform.url}${CALLBACK_PATH}`);
    // The platform's first account becomes admin; the accounts under test come after it.
    owner = await platform.signUp("owner@example.com");
  });
  afterAll(async () => {
    await platform?.dispose();
    await provider?.close();
  });
  beforeEach(() => provider.people.clear());

  /** A page of the platform that is not its API: where a finished sign-in lands. */
  const isPlatformPage = (next: URL) =>
    next.origin === platform.url && !next.pathname.startsWith("/api/");

  /** Signs in at the provider as `subject` from a fresh browser; where it ends, and the browser. */
  async function signIn(subject: string | undefined, start = "/api/auth/oidc/start") {
    provider.signInAs(subject);
    const browser = new TestBrowser();
    const { url } = await browser.follow(`${platform.url}${start}`, isPlatformPage);
    return { browser, landed: url };
  }

  /** Signs in up to the provider's redirect back, which is returned unrequested. */
  async function signInUntilCallback(subject: string) {
    provider.signInAs(subject);
    const browser = new TestBrowser();
    const { url } = await browser.follow(
      `${platform.url}/api/auth/oidc/start`,
      (next) => next.pathname === CALLBACK_PATH,
    );
    expect(url.pathname).toBe(CALLBACK_PATH);
    return { browser, callback: url };
  }

  async function me(browser: TestBrowser) {
    const response = await browser.get(`${platform.url}/api/auth/me`);
    return {
      status: response.status,
      user: ((await response.json()) as { user?: { id: string; email: string; role: string } })
        .user,
    };
  }

  const hasSession = (browser: TestBrowser) => browser.cookies.has("parlor_session");

  it("offers the provider to the login page by its name", async () => {
    const response = await fetch(`${platform.url}/api/auth/providers`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ oidc: { name: "Acme staff" } });
  });

  it("sends the browser to the provider with PKCE, state and nonce", async () => {
    const response = await new TestBrowser().get(`${platform.url}/api/auth/oidc/start`);
    expect(response.status).toBe(302);
    const target = new URL(response.headers.get("location")!);
    expect(target.origin).toBe(provider.issuer);
    expect(target.searchParams.get("redirect_uri")).toBe(`${platform.url}${CALLBACK_PATH}`);
    expect(target.searchParams.get("code_challenge_method")).toBe("S256");
    expect(target.searchParams.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(target.searchParams.get("state")).toBeTruthy();
    expect(target.searchParams.get("nonce")).toBeTruthy();
    expect(target.searchParams.get("scope")).toContain("email");
    expect(response.headers.get("set-cookie")).toMatch(/parlor_sso=.*HttpOnly.*SameSite=Lax/i);
  });

  it("creates an account for a new verified email and opens a working session", async () => {
    provider.people.set("alice-1", { email: "Alice@Example.com", email_verified: true });
    const { browser, landed } = await signIn("alice-1");
    expect(landed.href).toBe(`${platform.url}/`);
    const first = await me(browser);
    expect(first.status).toBe(200);
    expect(first.user).toMatchObject({ email: "alice@example.com", role: "user" });
    // The session remembers where it was opened, as a password login's does.
    const sessions = (await (await browser.get(`${platform.url}/api/account/sessions`)).json()) as {
      sessions: { client_address: string | null }[];
    };
    expect(sessions.sessions.map((session) => session.client_address)).toEqual([
      expect.stringMatching(/127\.0\.0\.1/),
    ]);
    // The same person again is the same account, even with another email at the provider.
    provider.people.set("alice-1", { email: "alice.new@example.com", email_verified: true });
    const again = await signIn("alice-1");
    expect((await me(again.browser)).user?.id).toBe(first.user?.id);
    // The account has no password: password login answers as for a wrong one.
    const login = await fetch(`${platform.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "alice@example.com", password: "any password at all" }),
    });
    expect(login.status).toBe(401);
    expect(((await login.json()) as { error: { message: string } }).error.message).toBe(
      "Wrong email or password",
    );
  });

  it("links to the password account with the same verified email", async () => {
    const password = await platform.signUp("bob@example.com");
    const passwordUser = await password.json<{ user: { id: string } }>("GET", "/api/auth/me");
    provider.people.set("bob-1", { email: "BOB@example.com", email_verified: true });
    const { browser, landed } = await signIn("bob-1");
    expect(landed.href).toBe(`${platform.url}/`);
    expect((await me(browser)).user?.id).toBe(passwordUser.user.id);
    // The password still works after the link.
    const again = await platform.logIn("bob@example.com");
    expect((await again.request("GET", "/api/auth/me")).status).toBe(200);
  });

  it("refuses an unverified email: no account, no link, no session", async () => {
    provider.people.set("carol-1", { email: "carol@example.com", email_verified: false });
    const { browser, landed } = await signIn("carol-1");
    expect(landed.pathname).toBe("/login");
    expect(landed.searchParams.get("sso_error")).toBe("email_not_verified");
    expect(hasSession(browser)).toBe(false);
    expect((await me(browser)).status).toBe(401);
    expect(await platform.platform.store.users.findByEmail("carol@example.com")).toBeUndefined();

    // Nor does an unverified email reach the password account that has it.
    await platform.signUp("dave@example.com");
    provider.people.set("mallory-1", { email: "dave@example.com", email_verified: false });
    const takeover = await signIn("mallory-1");
    expect(takeover.landed.searchParams.get("sso_error")).toBe("email_not_verified");
    expect(hasSession(takeover.browser)).toBe(false);
    expect(await platform.platform.store.identities.find(provider.issuer, "mallory-1")).toBe(
      undefined,
    );
  });

  it("refuses a replayed callback, even with the browser's cookie", async () => {
    provider.people.set("erin-1", { email: "erin@example.com", email_verified: true });
    const { browser, callback } = await signInUntilCallback("erin-1");
    const attemptCookie = browser.cookies.get("parlor_sso")!.value;
    const first = await browser.follow(callback, isPlatformPage);
    expect(first.url.href).toBe(`${platform.url}/`);
    expect((await me(browser)).status).toBe(200);

    const replay = await new TestBrowser().get(callback, { parlor_sso: attemptCookie });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login?sso_error=expired");
    expect(replay.headers.getSetCookie().join()).not.toContain("parlor_session=");
  });

  it("refuses a callback whose state is not this browser's", async () => {
    provider.people.set("frank-1", { email: "frank@example.com", email_verified: true });
    const { browser, callback } = await signInUntilCallback("frank-1");
    const forged = new URL(callback);
    forged.searchParams.set("state", "not-the-state-this-browser-sent");
    const refused = await browser.follow(forged, isPlatformPage);
    expect(refused.url.searchParams.get("sso_error")).toBe("invalid_state");
    expect(hasSession(browser)).toBe(false);
    // The attempt is over: the genuine callback does not work after a forged one.
    const genuine = await browser.follow(callback, isPlatformPage);
    expect(genuine.url.searchParams.get("sso_error")).toBe("expired");

    // Another browser (a login CSRF: the attacker's callback in the victim's browser) is refused.
    const attacker = await signInUntilCallback("frank-1");
    const victim = new TestBrowser();
    await victim.follow(
      `${platform.url}/api/auth/oidc/start`,
      (next) => next.origin !== platform.url,
    );
    const planted = await victim.follow(attacker.callback, isPlatformPage);
    expect(planted.url.searchParams.get("sso_error")).toBe("invalid_state");
    expect(hasSession(victim)).toBe(false);
    expect(await platform.platform.store.users.findByEmail("frank@example.com")).toBeUndefined();
  });

  it("makes members of the admin group admins, and no one else", async () => {
    provider.people.set("grace-1", {
      email: "grace@example.com",
      email_verified: true,
      groups: ["staff", "parlor-admins"],
    });
    provider.people.set("heidi-1", {
      email: "heidi@example.com",
      email_verified: true,
      groups: ["staff"],
    });
    expect((await me((await signIn("grace-1")).browser)).user?.role).toBe("admin");
    expect((await me((await signIn("heidi-1")).browser)).user?.role).toBe("user");
    // Joining the group later makes the existing account an admin at its next sign-in.
    provider.people.set("heidi-1", {
      email: "heidi@example.com",
      email_verified: true,
      groups: ["parlor-admins"],
    });
    expect((await me((await signIn("heidi-1")).browser)).user?.role).toBe("admin");
  });

  it("refuses a disabled account, linked or not", async () => {
    const password = await platform.signUp("ivan@example.com");
    const { user } = await password.json<{ user: { id: string } }>("GET", "/api/auth/me");
    provider.people.set("ivan-1", { email: "ivan@example.com", email_verified: true });
    expect((await me((await signIn("ivan-1")).browser)).status).toBe(200);
    await platform.platform.store.users.updateAccount(user.id, { disabled: true }, Date.now());
    const refused = await signIn("ivan-1");
    expect(refused.landed.searchParams.get("sso_error")).toBe("account_disabled");
    expect(hasSession(refused.browser)).toBe(false);

    const other = await platform.signUp("judy@example.com");
    const judy = await other.json<{ user: { id: string } }>("GET", "/api/auth/me");
    await platform.platform.store.users.updateAccount(judy.user.id, { disabled: true }, Date.now());
    provider.people.set("judy-1", { email: "judy@example.com", email_verified: true });
    expect((await signIn("judy-1")).landed.searchParams.get("sso_error")).toBe("account_disabled");
    expect(await platform.platform.store.identities.find(provider.issuer, "judy-1")).toBe(
      undefined,
    );
  });

  it("creates new accounts as the sign-up policy says: waiting under approval, none when closed", async () => {
    const setPolicy = (signup_policy: string) =>
      owner.json("PATCH", "/api/admin/settings", { signup_policy });
    try {
      await setPolicy("approval");
      provider.people.set("kim-1", { email: "kim@example.com", email_verified: true });
      const waiting = await signIn("kim-1");
      expect(waiting.landed.searchParams.get("sso_error")).toBe("account_pending");
      expect(hasSession(waiting.browser)).toBe(false);
      const kim = await platform.platform.store.users.findByEmail("kim@example.com");
      expect(kim?.pending_at).not.toBeNull();
      await owner.json("PATCH", `/api/admin/users/${kim!.id}`, { approved: true });
      const approved = await signIn("kim-1");
      expect((await me(approved.browser)).user?.email).toBe("kim@example.com");

      await setPolicy("closed");
      provider.people.set("leo-1", { email: "leo@example.com", email_verified: true });
      const closed = await signIn("leo-1");
      expect(closed.landed.searchParams.get("sso_error")).toBe("signup_closed");
      expect(await platform.platform.store.users.findByEmail("leo@example.com")).toBe(undefined);
      // People who already have an account still sign in.
      expect((await me((await signIn("kim-1")).browser)).status).toBe(200);
    } finally {
      await setPolicy("open");
    }
  });

  it("says so when the person cancels at the provider", async () => {
    const { browser, landed } = await signIn(undefined);
    expect(landed.pathname).toBe("/login");
    expect(landed.searchParams.get("sso_error")).toBe("denied");
    expect(hasSession(browser)).toBe(false);
  });

  it("returns to the page that asked for the sign-in, never to another site", async () => {
    provider.people.set("kim-1", { email: "kim@example.com", email_verified: true });
    const back = await signIn("kim-1", "/api/auth/oidc/start?next=%2Fc%2Fabc%3Fx%3D1");
    expect(back.landed.href).toBe(`${platform.url}/c/abc?x=1`);
    const elsewhere = await signIn("kim-1", "/api/auth/oidc/start?next=%2F%2Fevil.example");
    expect(elsewhere.landed.href).toBe(`${platform.url}/`);
  });

  it("never logs the client secret", () => {
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join("\n")).not.toContain(provider.clientSecret);
  });
});

describe("without single sign-on", () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it("offers no provider, and its routes answer 404", async () => {
    expect(await (await fetch(`${platform.url}/api/auth/providers`)).json()).toEqual({
      oidc: null,
    });
    const start = await fetch(`${platform.url}/api/auth/oidc/start`, { redirect: "manual" });
    expect(start.status).toBe(404);
    expect(((await start.json()) as { error: { message: string } }).error.message).toBe(
      "Single sign-on is not set up here",
    );
  });
});

describe("a provider that takes the client secret only in the body", () => {
  let provider: OidcTestProvider;
  let platform: TestPlatform;
  beforeAll(async () => {
    provider = await startOidcTestProvider({ clientAuthMethod: "client_secret_post" });
    platform = await startTestPlatform("sqlite", {
      env: {
        PARLOR_OIDC_ISSUER: provider.issuer,
        PARLOR_OIDC_CLIENT_ID: provider.clientId,
        PARLOR_OIDC_CLIENT_SECRET: provider.clientSecret,
      },
    });
    provider.registerClient(`${platform.url}${CALLBACK_PATH}`);
  });
  afterAll(async () => {
    await platform?.dispose();
    await provider?.close();
  });

  it("is signed in with client_secret_post, as its discovery document asks", async () => {
    provider.people.set("nina-1", { email: "nina@example.com", email_verified: true });
    provider.signInAs("nina-1");
    const browser = new TestBrowser();
    const { url } = await browser.follow(
      `${platform.url}/api/auth/oidc/start`,
      (next) => next.origin === platform.url && !next.pathname.startsWith("/api/"),
    );
    expect(url.href).toBe(`${platform.url}/`);
    const me = await browser.get(`${platform.url}/api/auth/me`);
    expect(me.status).toBe(200);
  });
});
