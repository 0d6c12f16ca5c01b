import * as openid from "openid-client";
import type { OidcConfig } from "../../config/config.js";
import { SsoError } from "./oidc-login-error.js";

/** What one sign-in sends to the provider and must find again in its answer. */
export interface SsoChecks {
  redirectUri: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Seconds each request to the provider may take (discovery, token, keys, userinfo). */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * The platform's side of OpenID Connect, with `openid-client`: discovery, the authorization URL
 * (code flow with PKCE, state and nonce), and the code exchange with every check of the ID token.
 *
 * Requests to the provider use openid-client's own fetch, not the outbound guard that bot
 * calls go through: the issuer is set by the operator, not by users, and company providers
 * often live on private addresses the guard would refuse.
 */
export function createOidcProviderClient(config: OidcConfig) {
  let discovered: Promise<openid.Configuration> | undefined;
  const discover = async (): Promise<openid.Configuration> => {
    const issuer = new URL(config.issuer);
    // Config allows http: only for an issuer on this machine.
    const insecure = issuer.protocol === "http:" ? [openid.allowInsecureRequests] : [];
    const found = await openid.discovery(
      issuer,
      config.clientId,
      { client_secret: config.clientSecret },
      openid.ClientSecretBasic(config.clientSecret),
      { execute: insecure, timeout: PROVIDER_TIMEOUT_SECONDS },
    );
    const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
    // Basic is OpenID Connect's default; a provider that lists only client_secret_post gets that.
    if (
      methods &&
      !methods.includes("client_secret_basic") &&
      methods.includes("client_secret_post")
    ) {
      const post = new openid.Configuration(
        found.serverMetadata(),
        config.clientId,
        { client_secret: config.clientSecret },
        openid.ClientSecretPost(config.clientSecret),
      );
      for (const step of insecure) step(post);
      post.timeout = PROVIDER_TIMEOUT_SECONDS;
      return post;
    }
    return found;
  };
  /** The discovered configuration; a failed discovery is tried again by the next sign-in. */
  const configuration = (): Promise<openid.Configuration> => {
    discovered ??= discover().catch((error: unknown) => {
      discovered = undefined;
      throw new SsoError("unavailable", "The provider's discovery document could not be read", {
        cause: error,
      });
    });
    return discovered;
  };

  return {
    /** Reads the discovery document now, so a wrong issuer shows in the log at start. */
    prepare: async (): Promise<void> => {
      await configuration();
    },

    /** Where to send the browser: the provider's authorization endpoint with this sign-in's checks. */
    async authorizationUrl(checks: SsoChecks): Promise<URL> {
      const provider = await configuration();
      const supported = provider.serverMetadata().scopes_supported ?? [];
      // `groups` only where the provider offers it: some refuse scopes they do not know.
      const scope = [
        "openid",
        "email",
        "profile",
        ...(supported.includes("groups") ? ["groups"] : []),
      ];
      return openid.buildAuthorizationUrl(provider, {
        redirect_uri: checks.redirectUri,
        scope: scope.join(" "),
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await openid.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: "S256",
      });
    },

    /**
     * Exchanges the callback's code, checking state, nonce, issuer, audience and signature, and
     * returns the ID token's claims merged with userinfo's (many providers put the email only there).
     */
    async exchange(callbackUrl: URL, checks: SsoChecks): Promise<Record<string, unknown>> {
      const provider = await configuration();
      let tokens: Awaited<ReturnType<typeof openid.authorizationCodeGrant>>;
      try {
        tokens = await openid.authorizationCodeGrant(provider, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw codeExchangeFailure(error);
      }
      const idToken = tokens.claims();
      if (!idToken) throw new SsoError("failed", "The provider sent no ID token");
      if (!provider.serverMetadata().userinfo_endpoint) return { ...idToken };
      try {
        const userinfo = await openid.fetchUserInfo(provider, tokens.access_token, idToken.sub);
        return { ...idToken, ...userinfo };
      } catch (error) {
        throw new SsoError("unavailable", "The provider's userinfo could not be read", {
          cause: error,
        });
      }
    },
  };
}

/** Sorts a failed exchange: the person said no, the provider was unreachable, or something did not check out. */
function codeExchangeFailure(error: unknown): SsoError {
  if (error instanceof openid.AuthorizationResponseError) {
    const code = error.error === "access_denied" ? "denied" : "unavailable";
    return new SsoError(code, `The provider answered ${error.error}`, { cause: error });
  }
  // The provider could not be reached or timed out (fetch's TypeError, AbortSignal's timeout).
  if (
    error instanceof TypeError ||
    (error instanceof DOMException && error.name === "TimeoutError")
  )
    return new SsoError("unavailable", "The provider could not be reached", { cause: error });
  return new SsoError("failed", "The provider's answer did not pass the checks", { cause: error });
}

/** The platform's OpenID Connect client. */
export type OidcProviderClient = ReturnType<typeof createOidcProviderClient>;
