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

  it("defaults to port 8080 on 127.0.0.1 only, SQLite in ./data, development mode, loopback bots refused", () => {
    const config = loadConfig({ PARLOR_SECRET: "s".repeat(32) });
    expect(config.port).toBe(8080);
    expect(config.host).toBe("127.0.0.1");
    expect(config.environment).toBe("development");
    expect(config.dataDir).toBe(join(process.cwd(), "data"));
    expect(config.databaseUrl).toBeUndefined();
    expect(config.allowLoopbackBots).toBe(false);
    expect(config.allowedBotPorts).toBeUndefined();
    expect(config.requestTimeouts).toEqual({
      headersMs: 10_000,
      bodyIdleMs: 10_000,
      totalMs: 600_000,
    });
  });

  it("allows loopback bots only when PARLOR_ALLOW_LOOPBACK_BOTS=true, in either environment", () => {
    const base = { PARLOR_SECRET: "s".repeat(32) };
    expect(loadConfig({ ...base, PARLOR_ALLOW_LOOPBACK_BOTS: "true" }).allowLoopbackBots).toBe(
      true,
    );
    expect(
      loadConfig({ ...base, PARLOR_ENV: "production", PARLOR_ALLOW_LOOPBACK_BOTS: "true" })
        .allowLoopbackBots,
    ).toBe(true);
    expect(loadConfig({ ...base, PARLOR_ENV: "production" }).allowLoopbackBots).toBe(false);
  });

  it("listens on every interface only with production settings", () => {
    const base = { PARLOR_SECRET: "s".repeat(32) };
    expect(loadConfig({ ...base, PARLOR_ENV: "production" }).host).toBe("0.0.0.0");
    expect(loadConfig({ ...base, HOST: "::1" }).host).toBe("::1");
    expect(loadConfig({ ...base, HOST: "localhost" }).host).toBe("localhost");
    for (const host of ["0.0.0.0", "::", "192.168.1.20", "example.com"]) {
      expect(() => loadConfig({ ...base, HOST: host })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, HOST: host })).toThrow(
        new RegExp(
          `HOST: ${host.replace(/\./g, "\\.")} would listen on other interfaces.*PARLOR_ENV=production`,
        ),
      );
    }
    expect(loadConfig({ ...base, PARLOR_ENV: "production", HOST: "192.168.1.20" }).host).toBe(
      "192.168.1.20",
    );
  });

  it("parses PARLOR_ALLOWED_BOT_PORTS as ports and ranges, naming a bad entry", () => {
    const base = { PARLOR_SECRET: "s".repeat(32) };
    expect(
      loadConfig({ ...base, PARLOR_ALLOWED_BOT_PORTS: "443, 8000-8999" }).allowedBotPorts,
    ).toEqual([
      { from: 443, to: 443 },
      { from: 8000, to: 8999 },
    ]);
    for (const bad of ["https", "0", "70000", "9000-8000", "80-"]) {
      expect(() => loadConfig({ ...base, PARLOR_ALLOWED_BOT_PORTS: bad })).toThrow(
        `PARLOR_ALLOWED_BOT_PORTS: "${bad}" is not a port`,
      );
    }
  });

  it("reads the slow-request timeouts in seconds", () => {
    const config = loadConfig({
      PARLOR_SECRET: "s".repeat(32),
      PARLOR_HEADERS_TIMEOUT_SECONDS: "5",
      PARLOR_BODY_IDLE_TIMEOUT_SECONDS: "0.5",
      PARLOR_REQUEST_TIMEOUT_SECONDS: "900",
    });
    expect(config.requestTimeouts).toEqual({ headersMs: 5000, bodyIdleMs: 500, totalMs: 900_000 });
    expect(() =>
      loadConfig({ PARLOR_SECRET: "s".repeat(32), PARLOR_HEADERS_TIMEOUT_SECONDS: "0" }),
    ).toThrow(/PARLOR_HEADERS_TIMEOUT_SECONDS/);
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
