import { generateKeyPairSync } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/** A person at the test provider, with the claims it asserts about them. */
export interface TestPerson {
  email: string;
  email_verified: boolean;
  groups?: string[];
}

/** A real OpenID Connect provider (`oidc-provider`) on a free port, for single sign-on tests. */
export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People who can sign in, by subject (`sub`); tests add and change them. */
  people: Map<string, TestPerson>;
  /**
   * Who the next sign-in at the provider is: its login prompt completes as this subject, or,
   * given undefined, the person cancels (`access_denied`).
   */
  signInAs(subject: string | undefined): void;
  /**
   * Registers Parlor as a client with this redirect URI; the provider answers 503 until then,
   * since the platform's port is known only once it listens, after it was told the issuer.
   */
  registerClient(redirectUri: string): void;
  close(): Promise<void>;
}

/**
 * Starts the provider. Its interactions are a handler that finishes the login and consent
 * prompts for the chosen person programmatically, as a person clicking through would; the
 * protocol itself (discovery, authorization, PKCE, tokens, ID token signing, userinfo) is
 * oidc-provider's own.
 */
export async function startOidcTestProvider(
  options: { clientAuthMethod?: "client_secret_basic" | "client_secret_post" } = {},
): Promise<OidcTestProvider> {
  const clientAuthMethod = options.clientAuthMethod ?? "client_secret_basic";
  const people = new Map<string, TestPerson>();
  let nextSubject: string | undefined;
  let provider: Provider | undefined;
  let handle: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;

  const interact = async (request: IncomingMessage, response: ServerResponse) => {
    const active = provider!;
    const details = await active.interactionDetails(request, response);
    if (details.prompt.name === "login") {
      const result = nextSubject
        ? { login: { accountId: nextSubject, remember: false } }
        : { error: "access_denied", error_description: "The person cancelled" };
      await active.interactionFinished(request, response, result);
      return;
    }
    const accountId = details.session!.accountId;
    const grant = new active.Grant({ accountId, clientId: String(details.params.client_id) });
    const missing = details.prompt.details as { missingOIDCScope?: string[] };
    grant.addOIDCScope((missing.missingOIDCScope ?? []).join(" "));
    await active.interactionFinished(
      request,
      response,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
  };

  const server = createServer((request, response) => {
    if (!handle) {
      response.writeHead(503).end();
      return;
    }
    if (request.url?.startsWith("/interaction/")) {
      interact(request, response).catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
      return;
    }
    // oidc-provider takes a secret in either place whatever it advertises; strict providers do not.
    if (
      clientAuthMethod === "client_secret_post" &&
      request.url?.startsWith("/token") &&
      request.headers.authorization
    ) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: "invalid_client" }));
      return;
    }
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "parlor-test";
  const clientSecret = "parlor-test-client-secret-0123456789";
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
    format: "jwk",
  });

  return {
    issuer,
    clientId,
    clientSecret,
    people,
    signInAs(subject) {
      nextSubject = subject;
    },
    registerClient(redirectUri) {
      provider = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ["authorization_code"],
            response_types: ["code"],
            token_endpoint_auth_method: clientAuthMethod,
          },
        ],
        clientAuthMethods: [clientAuthMethod],
        jwks: { keys: [{ ...signingKey, kid: "test", alg: "RS256", use: "sig" }] },
        cookies: { keys: ["oidc-test-provider-cookie-key"] },
        claims: { email: ["email", "email_verified"], groups: ["groups"], openid: ["sub"] },
        features: { devInteractions: { enabled: false } },
        ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
        interactions: { url: (_context, interaction) => `/interaction/${interaction.uid}` },
        findAccount: (_context, subject) => {
          const person = people.get(subject);
          return person && { accountId: subject, claims: () => ({ sub: subject, ...person }) };
        },
      });
      const callback = provider.callback();
      handle = (request, response) => void callback(request, response);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
