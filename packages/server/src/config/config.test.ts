import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  const folders: string[] = [];
  const dataDir = () => {
    const folder = mkdtempSync(join(tmpdir(), "parlor-config-"));
    folders.push(folder);
    return folder;
  };
  afterEach(() =>
    folders.splice(0).forEach((folder) => rmSync(folder, { recursive: true, force: true })),
  );

  it("defaults to port 8080, SQLite in ./data and development mode with loopback bots allowed", () => {
    const config = loadConfig({ PARLOR_SECRET: "s".repeat(32) });
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe(join(process.cwd(), "data"));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.allowLoopbackBots).toBe(true);
  });

  it("generates a secret into the data folder once and reuses it", () => {
    const folder = dataDir();
    const first = loadConfig({ PARLOR_DATA_DIR: folder }).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(folder, "secret"), "utf8").trim()).toBe(first);
    expect(loadConfig({ PARLOR_DATA_DIR: folder }).secret).toBe(first);
  });

  it("does not write a secret file when PARLOR_SECRET is set", () => {
    const folder = dataDir();
    loadConfig({ PARLOR_DATA_DIR: folder, PARLOR_SECRET: "x".repeat(40) });
    expect(existsSync(join(folder, "secret"))).toBe(false);
  });

  it("refuses loopback bots in production unless asked, and parses the allowlist", () => {
    const config = loadConfig({
      PARLOR_SECRET: "s".repeat(32),
      PARLOR_ENV: "production",
      PARLOR_ALLOWED_BOT_HOSTS: " 127.0.0.1, Bots.Internal:9001 ,",
    });
    expect(config.allowLoopbackBots).toBe(false);
    expect(config.allowedBotHosts).toEqual(["127.0.0.1", "bots.internal:9001"]);
  });

  it("names every bad variable in one readable error", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", PARLOR_SECRET: "short" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("DATABASE_URL: must be a postgres:// URL");
    expect(message).toContain("PARLOR_SECRET: must be at least 32 characters");
  });

  it("requires the TLS certificate and key together", () => {
    expect(() =>
      loadConfig({ PARLOR_SECRET: "s".repeat(32), PARLOR_TLS_CERT: "cert.pem" }),
    ).toThrow(/go together/);
  });
});

describe("secure cookies", () => {
  it("are on behind an https public URL or with built-in TLS, off otherwise", () => {
    const base = { PARLOR_SECRET: "s".repeat(32) };
    expect(loadConfig(base).secureCookies).toBe(false);
    expect(
      loadConfig({ ...base, PARLOR_PUBLIC_URL: "https://chat.example.com" }).secureCookies,
    ).toBe(true);
    expect(loadConfig({ ...base, PARLOR_PUBLIC_URL: "http://localhost:8080" }).secureCookies).toBe(
      false,
    );
  });

  it("reads the sign-up policy and trusted proxies, and names bad values", () => {
    const config = loadConfig({
      PARLOR_SECRET: "s".repeat(32),
      PARLOR_SIGNUP: "invite",
      PARLOR_TRUSTED_PROXIES: " 10.0.0.0/8, ::1 ",
    });
    expect(config.signupPolicy).toBe("invite");
    expect(config.trustedProxies).toEqual(["10.0.0.0/8", "::1"]);
    expect(loadConfig({ PARLOR_SECRET: "s".repeat(32) }).signupPolicy).toBeUndefined();
    expect(() =>
      loadConfig({
        PARLOR_SECRET: "s".repeat(32),
        PARLOR_SIGNUP: "everyone",
        PARLOR_TRUSTED_PROXIES: "proxy.local",
      }),
    ).toThrow(/PARLOR_SIGNUP[\s\S]*PARLOR_TRUSTED_PROXIES: must be IP addresses or CIDR ranges/);
  });
});
