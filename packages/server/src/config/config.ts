import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { isAddressOrRange } from "../http/client-address.js";

/** A comma-separated list's entries, trimmed, blanks left out. */
function splitList(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Who may create an account: anyone, anyone once an admin approves, invited people, nobody. */
export const SIGNUP_POLICIES = ["open", "approval", "invite", "closed"] as const;
/** One of {@link SIGNUP_POLICIES}. */
export type SignupPolicy = (typeof SIGNUP_POLICIES)[number];

const portSchema = z.coerce.number().int().min(0).max(65535);

/** Every environment variable the platform reads, checked once at boot. */
const environmentSchema = z.object({
  PORT: portSchema.default(8080),
  HOST: z.string().default("0.0.0.0"),
  PARLOR_DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  PARLOR_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PARLOR_ENV: z.enum(["development", "production"]).default("development"),
  PARLOR_PUBLIC_URL: z.url().optional(),
  PARLOR_ALLOWED_BOT_HOSTS: z.string().default(""),
  PARLOR_ALLOW_LOOPBACK_BOTS: z.enum(["true", "false"]).optional(),
  PARLOR_TLS_CERT: z.string().optional(),
  PARLOR_TLS_KEY: z.string().optional(),
  PARLOR_CALL_LOG_DAYS: z.coerce.number().int().min(1).default(14),
  PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  PARLOR_SIGNUP: z.enum(SIGNUP_POLICIES).optional(),
  PARLOR_TRUSTED_PROXIES: z
    .string()
    .default("")
    .refine(
      (value) => splitList(value).every(isAddressOrRange),
      "must be IP addresses or CIDR ranges, separated by commas",
    ),
  PARLOR_WEB_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

/** The platform's configuration, resolved from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Shared rate-limit counters for several instances; in-process counters when unset. */
  redisUrl: string | undefined;
  /** 32+ characters; encrypts bot access keys and signs file URLs. */
  secret: string;
  environment: "development" | "production";
  publicUrl: string | undefined;
  /** Exact `host` or `host:port` entries that bot URLs may reach even if private. */
  allowedBotHosts: string[];
  /** Whether bots on loopback addresses may be reached (development default). */
  allowLoopbackBots: boolean;
  tls: { cert: string; key: string } | undefined;
  /** Session cookies are `Secure` (and `__Host-`) when users reach us over HTTPS, directly or via a proxy. */
  secureCookies: boolean;
  callLogDays: number;
  rateLimits: {
    messagesPerMinute: number;
    botQueriesPerMinute: number;
    /** Failed logins per account and client address; an address gets three times this in all. */
    loginsPerMinute: number;
    /** Sign-up attempts per client address. */
    signupsPerHour: number;
  };
  /** The sign-up policy the operator pinned (`PARLOR_SIGNUP`); else an admin chooses it. */
  signupPolicy: SignupPolicy | undefined;
  /**
   * Addresses or CIDR ranges of reverse proxies whose `X-Forwarded-For` is believed; the
   * client address of a request from anywhere else is its socket's.
   */
  trustedProxies: string[];
  logLevel: string;
  /** The built web app to serve at `/`; the workspace's `packages/web/dist` when unset. */
  webDir: string | undefined;
}

/** A configuration problem, with every bad variable named. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the secret from the data folder, creating it on first start. */
function loadOrCreateSecret(dataDir: string): string {
  const path = join(dataDir, "secret");
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * Validates the environment into a {@link Config}; the only place that reads `process.env`.
 * Throws a ConfigError listing every problem in one readable message.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const values = parsed.data;
  if (Boolean(values.PARLOR_TLS_CERT) !== Boolean(values.PARLOR_TLS_KEY)) {
    throw new ConfigError(
      "Invalid configuration:\n  PARLOR_TLS_CERT and PARLOR_TLS_KEY go together",
    );
  }
  const dataDir = resolve(values.PARLOR_DATA_DIR);
  const development = values.PARLOR_ENV === "development";
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    secret: values.PARLOR_SECRET ?? loadOrCreateSecret(dataDir),
    environment: values.PARLOR_ENV,
    publicUrl: values.PARLOR_PUBLIC_URL,
    allowedBotHosts: values.PARLOR_ALLOWED_BOT_HOSTS.split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
    allowLoopbackBots: values.PARLOR_ALLOW_LOOPBACK_BOTS
      ? values.PARLOR_ALLOW_LOOPBACK_BOTS === "true"
      : development,
    tls:
      values.PARLOR_TLS_CERT && values.PARLOR_TLS_KEY
        ? { cert: values.PARLOR_TLS_CERT, key: values.PARLOR_TLS_KEY }
        : undefined,
    secureCookies:
      Boolean(values.PARLOR_TLS_CERT) || Boolean(values.PARLOR_PUBLIC_URL?.startsWith("https:")),
    callLogDays: values.PARLOR_CALL_LOG_DAYS,
    rateLimits: {
      messagesPerMinute: values.PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE,
      botQueriesPerMinute: values.PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE,
      loginsPerMinute: values.PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE,
      signupsPerHour: values.PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR,
    },
    signupPolicy: values.PARLOR_SIGNUP,
    trustedProxies: splitList(values.PARLOR_TRUSTED_PROXIES),
    logLevel: values.LOG_LEVEL,
    webDir: values.PARLOR_WEB_DIR ? resolve(values.PARLOR_WEB_DIR) : undefined,
  };
}
