import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const base = { PARLOR_SECRET: "s".repeat(32) };
const provider = {
  PARLOR_OIDC_ISSUER: "https://login.example.com/realms/staff",
  PARLOR_OIDC_CLIENT_ID: "parlor",
  PARLOR_OIDC_CLIENT_SECRET: "very-secret-value",
};

describe("single sign-on configuration", () => {
  it("is off unless configured", () => {
    expect(loadConfig(base).oidc).toBeUndefined();
  });

  it("takes the issuer, client and optional admin group, naming the button after the host by default", () => {
    expect(loadConfig({ ...base, ...provider }).oidc).toEqual({
      issuer: provider.PARLOR_OIDC_ISSUER,
      clientId: "parlor",
      clientSecret: "very-secret-value",
      name: "login.example.com",
      adminGroup: undefined,
      groupsClaim: "groups",
    });
    const named = loadConfig({
      ...base,
      ...provider,
      PARLOR_OIDC_NAME: "Acme staff",
      PARLOR_OIDC_ADMIN_GROUP: "parlor-admins",
      PARLOR_OIDC_GROUPS_CLAIM: "roles",
    }).oidc;
    expect(named).toMatchObject({
      name: "Acme staff",
      adminGroup: "parlor-admins",
      groupsClaim: "roles",
    });
  });

  it("refuses a partial configuration without showing the secret", () => {
    const { PARLOR_OIDC_CLIENT_ID: _, ...withoutClientId } = provider;
    let error: unknown;
    try {
      loadConfig({ ...base, ...withoutClientId });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/PARLOR_OIDC_CLIENT_ID .* go together/);
    expect((error as Error).message).not.toContain("very-secret-value");
    expect(() => loadConfig({ ...base, PARLOR_OIDC_CLIENT_SECRET: "x" })).toThrow(ConfigError);
  });

  it("wants an https issuer, except on this machine", () => {
    expect(() =>
      loadConfig({ ...base, ...provider, PARLOR_OIDC_ISSUER: "http://login.example.com" }),
    ).toThrow(/PARLOR_OIDC_ISSUER: must be an https/);
    expect(() => loadConfig({ ...base, ...provider, PARLOR_OIDC_ISSUER: "not a url" })).toThrow(
      ConfigError,
    );
    const local = loadConfig({ ...base, ...provider, PARLOR_OIDC_ISSUER: "http://127.0.0.1:9000" });
    expect(local.oidc?.issuer).toBe("http://127.0.0.1:9000");
  });
});
