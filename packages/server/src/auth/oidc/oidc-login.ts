import { randomNonce, randomPKCECodeVerifier, randomState } from "openid-client";
import type { Logger } from "pino";
import type { OidcConfig } from "../../config/config.js";
import type { Store } from "../../store/store.js";
import type { Accounts, Actor, SessionClient } from "../accounts.js";
import { safeEqual } from "../../poe-api/safe-equal.js";
import { randomToken, sha256 } from "../tokens.js";
import { admitEverySsoAccount, type SsoAdmission } from "./sso-admission.js";
import { readSsoPerson } from "./oidc-claims.js";
import { SsoError } from "./oidc-login-error.js";
import { createOidcProviderClient, type OidcProviderClient } from "./oidc-provider-client.js";
import { findSsoAccount } from "./sso-account.js";
import { localPath } from "./local-path.js";

/** How long a browser has to come back from the provider. */
export const SSO_ATTEMPT_LIFETIME_MS = 10 * 60 * 1000;

/** Where the provider sends people back, under the platform's base URL. */
export const SSO_CALLBACK_PATH = "/api/auth/oidc/callback";

/** What single sign-on needs from the platform. */
export interface OidcLoginDeps {
  config: OidcConfig;
  store: Store;
  accounts: Accounts;
  clock: () => number;
  logger: Logger;
  /** The platform's public base URL (PARLOR_PUBLIC_URL, else where it listens). */
  baseUrl: () => string;
  providerClient?: OidcProviderClient;
  /** The sign-up policy for new accounts (see sso-admission.ts); all are let in without it. */
  admission?: SsoAdmission;
}

/** Single sign-on with the configured OpenID Connect provider. */
export function createOidcLogin(deps: OidcLoginDeps) {
  const { config, store, clock } = deps;
  const provider = deps.providerClient ?? createOidcProviderClient(config);
  const redirectUri = () => `${deps.baseUrl().replace(/\/+$/, "")}${SSO_CALLBACK_PATH}`;
  return {
    /** The button's name on the login page. */
    name: config.name,
    prepare: provider.prepare,

    /**
     * Starts a sign-in: remembers its state, nonce and PKCE verifier under a new browser token
     * (for an HTTP-only cookie) and returns where to send the browser.
     */
    async start(returnTo: string | undefined): Promise<{ browserToken: string; url: URL }> {
      const browserToken = randomToken();
      const checks = {
        redirectUri: redirectUri(),
        state: randomState(),
        nonce: randomNonce(),
        codeVerifier: randomPKCECodeVerifier(),
      };
      const url = await provider.authorizationUrl(checks);
      const now = clock();
      await store.oidcAttempts.insert(
        {
          id: sha256(browserToken),
          state: checks.state,
          nonce: checks.nonce,
          code_verifier: checks.codeVerifier,
          return_to: localPath(returnTo),
          expires_at: now + SSO_ATTEMPT_LIFETIME_MS,
        },
        now,
      );
      return { browserToken, url };
    },

    /**
     * Finishes a sign-in from the provider's callback: takes this browser's attempt (once),
     * checks its state, exchanges the code, and opens a session for the linked account.
     */
    async finish(
      browserToken: string | undefined,
      search: string,
      client: SessionClient = {},
    ): Promise<{ token: string; actor: Actor; returnTo: string }> {
      const attempt =
        browserToken && (await store.oidcAttempts.take(sha256(browserToken), clock()));
      if (!attempt) throw new SsoError("expired", "No sign-in is under way in this browser");
      const callbackUrl = new URL(`${redirectUri()}${search}`);
      if (!safeEqual(callbackUrl.searchParams.get("state") ?? "", attempt.state))
        throw new SsoError("invalid_state", "The callback's state is not this browser's");
      const checks = {
        redirectUri: redirectUri(),
        state: attempt.state,
        nonce: attempt.nonce,
        codeVerifier: attempt.code_verifier,
      };
      const claims = await provider.exchange(callbackUrl, checks);
      const person = readSsoPerson(claims, config.groupsClaim);
      const { user, outcome } = await findSsoAccount(
        {
          store,
          clock,
          issuer: config.issuer,
          adminGroup: config.adminGroup,
          admission: deps.admission ?? admitEverySsoAccount,
        },
        person,
      );
      deps.logger.info({ userId: user.id, outcome }, "signed in with single sign-on");
      const session = await deps.accounts.openSession(user, client);
      return { ...session, returnTo: attempt.return_to };
    },
  };
}

/** Single sign-on, when configured. */
export type OidcLogin = ReturnType<typeof createOidcLogin>;
