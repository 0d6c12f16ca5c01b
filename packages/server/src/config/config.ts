import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DEVELOPMENT_HOST, listenHostProblem, PRODUCTION_HOST } from "./listen-host.js";
import { parsePortRanges, type PortRange } from "./parse-port-ranges.js";
import { findDataDir } from "./find-data-dir.js";
import { isOriginList, webOrigin } from "./web-origin.js";
import { isAddressOrRange } from "../http/client-address.js";
import { modelsConfig, modelsEnvironment, type ModelsConfig } from "./models-config.js";

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
/** Seconds, fractions allowed (tests use short ones), at most an hour. */
const secondsSchema = z.coerce.number().positive().max(3600);

/** Every environment variable the platform reads, checked once at boot. */
const environmentSchema = z.object({
  PORT: portSchema.default(8080),
  // Unset: 127.0.0.1 in development, 0.0.0.0 in production.
  HOST: z.string().min(1).optional(),
  PARLOR_DATA_DIR: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  PARLOR_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/, "must be letters, digits, ':', '_' or '-'")
    .default("parlor"),
  PARLOR_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  PARLOR_ENV: z.enum(["development", "production"]).default("development"),
  PARLOR_PUBLIC_URL: z.url().optional(),
  PARLOR_ALLOWED_BOT_HOSTS: z.string().default(""),
  PARLOR_ALLOW_LOOPBACK_BOTS: z.enum(["true", "false"]).default("false"),
  PARLOR_ALLOWED_BOT_PORTS: z.string().default(""),
  PARLOR_HEADERS_TIMEOUT_SECONDS: secondsSchema.default(10),
  PARLOR_BODY_IDLE_TIMEOUT_SECONDS: secondsSchema.default(10),
  PARLOR_REQUEST_TIMEOUT_SECONDS: secondsSchema.default(600),
  PARLOR_TLS_CERT: z.string().optional(),
  PARLOR_TLS_KEY: z.string().optional(),
  PARLOR_CALL_LOG_DAYS: z.coerce.number().int().min(1).default(14),
  PARLOR_DRAIN_S: z.coerce.number().min(0).max(3600).default(30),
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
  PARLOR_CORS_ORIGINS: z
    .string()
    .default("")
    .refine(
      isOriginList,
      "must be web origins such as https://app.example.com, separated by commas",
    ),
  PARLOR_WEB_DIR: z.string().optional(),
  PARLOR_OIDC_ISSUER: z.url().optional(),
  PARLOR_OIDC_CLIENT_ID: z.string().min(1).optional(),
  PARLOR_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  PARLOR_OIDC_NAME: z.string().trim().min(1).max(60).optional(),
  PARLOR_OIDC_ADMIN_GROUP: z.string().min(1).optional(),
  PARLOR_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ...modelsEnvironment,
});

/** The platform's configuration, resolved from the environment. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * Shared state for several instances (rate-limit counters, running replies, live bot
   * queries, instance leases); in-process when unset.
   */
  redisUrl: string | undefined;
  /** What every Redis key of this deployment starts with, so deployments can share a Redis. */
  redisPrefix: string;
  /** 32+ characters; encrypts bot access keys and signs file URLs. */
  secret: string;
  environment: "development" | "production";
  publicUrl: string | undefined;
  /** Exact `host` or `host:port` entries that bot URLs may reach even if private. */
  allowedBotHosts: string[];
  /** Whether bots on loopback addresses may be reached: only when the operator says so. */
  allowLoopbackBots: boolean;
  /** The ports outbound URLs may use unless their host is allowlisted; undefined: any port. */
  allowedBotPorts: PortRange[] | undefined;
  /**
   * Limits on how slowly a client may send its request, in milliseconds: the headers, each
   * idle pause in the body, and the whole request (sized for a 50 MB upload on a slow link).
   */
  requestTimeouts: { headersMs: number; bodyIdleMs: number; totalMs: number };
  tls: { cert: string; key: string } | undefined;
  /** Session cookies are `Secure` (and `__Host-`) when users reach us over HTTPS, directly or via a proxy. */
  secureCookies: boolean;
  callLogDays: number;
  /** How long a SIGTERM lets running replies finish before cutting them (PARLOR_DRAIN_S). */
  drainMs: number;
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
  /** Browser origins that may call `/v1` (besides those an admin adds). */
  corsOrigins: string[];
  logLevel: string;
  /** The built web app to serve at `/`; the workspace's `packages/web/dist` when unset. */
  webDir: string | undefined;
  /** Single sign-on with an OpenID Connect provider; unset when not configured. */
  oidc: OidcConfig | undefined;
  /** Model vendors and OpenAI-compatible servers configured by the environment. */
  models: ModelsConfig;
}

/** The OpenID Connect provider people may sign in with. */
export interface OidcConfig {
  /** The issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** Never logged. */
  clientSecret: string;
  /** What the login page's button says: "Sign in with <name>". */
  name: string;
  /** Members of this group (in the claim named by `groupsClaim`) become admins when they sign in. */
  adminGroup: string | undefined;
  groupsClaim: string;
}

/** A configuration problem, with every bad variable named. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Hosts where an `http:` issuer is acceptable: the token exchange never leaves the machine. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The single sign-on settings: all of issuer, client id and secret, or none of them. */
function oidcConfig(values: z.infer<typeof environmentSchema>): OidcConfig | undefined {
  const { PARLOR_OIDC_ISSUER: issuer, PARLOR_OIDC_CLIENT_ID: clientId } = values;
  const clientSecret = values.PARLOR_OIDC_CLIENT_SECRET;
  const given = [issuer, clientId, clientSecret].filter((value) => value !== undefined).length;
  if (given === 0) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      "Invalid configuration:\n  PARLOR_OIDC_ISSUER, PARLOR_OIDC_CLIENT_ID and PARLOR_OIDC_CLIENT_SECRET go together",
    );
  }
  const url = new URL(issuer);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)))
    throw new ConfigError(
      "Invalid configuration:\n  PARLOR_OIDC_ISSUER: must be an https:// URL (http:// only on this machine)",
    );
  return {
    issuer,
    clientId,
    clientSecret,
    name: values.PARLOR_OIDC_NAME ?? url.hostname,
    adminGroup: values.PARLOR_OIDC_ADMIN_GROUP,
    groupsClaim: values.PARLOR_OIDC_GROUPS_CLAIM,
  };
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
  const environment = values.PARLOR_ENV;
  const host = values.HOST ?? (environment === "production" ? PRODUCTION_HOST : DEVELOPMENT_HOST);
  const allowedBotPorts = parsePortRanges(values.PARLOR_ALLOWED_BOT_PORTS);
  const problems = [
    ...(typeof allowedBotPorts === "string"
      ? [`PARLOR_ALLOWED_BOT_PORTS: ${allowedBotPorts}`]
      : []),
    ...[listenHostProblem(host, environment)].filter(Boolean).map((problem) => `HOST: ${problem}`),
  ];
  if (problems.length > 0 || typeof allowedBotPorts === "string") {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join("\n  ")}`);
  }
  const dataDir = findDataDir(values.PARLOR_DATA_DIR);
  return {
    port: values.PORT,
    host,
    dataDir,
    databaseUrl: values.DATABASE_URL,
    redisUrl: values.REDIS_URL,
    redisPrefix: values.PARLOR_REDIS_PREFIX,
    secret: values.PARLOR_SECRET ?? loadOrCreateSecret(dataDir),
    environment,
    publicUrl: values.PARLOR_PUBLIC_URL,
    allowedBotHosts: values.PARLOR_ALLOWED_BOT_HOSTS.split(",")
      .map((entry) => entry.trim().toLowerCase())
      .filter(Boolean),
    allowLoopbackBots: values.PARLOR_ALLOW_LOOPBACK_BOTS === "true",
    allowedBotPorts,
    requestTimeouts: {
      headersMs: values.PARLOR_HEADERS_TIMEOUT_SECONDS * 1000,
      bodyIdleMs: values.PARLOR_BODY_IDLE_TIMEOUT_SECONDS * 1000,
      totalMs: values.PARLOR_REQUEST_TIMEOUT_SECONDS * 1000,
    },
    tls:
      values.PARLOR_TLS_CERT && values.PARLOR_TLS_KEY
        ? { cert: values.PARLOR_TLS_CERT, key: values.PARLOR_TLS_KEY }
        : undefined,
    secureCookies:
      Boolean(values.PARLOR_TLS_CERT) || Boolean(values.PARLOR_PUBLIC_URL?.startsWith("https:")),
    callLogDays: values.PARLOR_CALL_LOG_DAYS,
    drainMs: values.PARLOR_DRAIN_S * 1000,
    rateLimits: {
      messagesPerMinute: values.PARLOR_RATE_LIMIT_MESSAGES_PER_MINUTE,
      botQueriesPerMinute: values.PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE,
      loginsPerMinute: values.PARLOR_RATE_LIMIT_LOGINS_PER_MINUTE,
      signupsPerHour: values.PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR,
    },
    signupPolicy: values.PARLOR_SIGNUP,
    trustedProxies: splitList(values.PARLOR_TRUSTED_PROXIES),
    corsOrigins: splitList(values.PARLOR_CORS_ORIGINS).map((origin) => webOrigin(origin)!),
    logLevel: values.LOG_LEVEL,
    webDir: values.PARLOR_WEB_DIR ? resolve(values.PARLOR_WEB_DIR) : undefined,
    oidc: oidcConfig(values),
    models: modelsConfig(values),
  };
}
