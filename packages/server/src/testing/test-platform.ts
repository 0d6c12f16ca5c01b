import { loadConfig } from "../config/config.js";
import type { PlatformOverrides } from "../platform.js";
import { startServer, type RunningPlatform } from "../start-server.js";
import { createTestDatabase, type TestDatabase } from "./test-databases.js";

/** A platform on a free port over a fresh database, and a small client for its API. */
export interface TestPlatform extends RunningPlatform {
  database: TestDatabase;
  /** Signs up and logs in; returns a client whose requests carry that user's cookie. */
  signUp(email: string, password?: string): Promise<TestClient>;
  /** Logs in to an existing account; returns a client with the new session's cookie. */
  logIn(email: string, password?: string): Promise<TestClient>;
  dispose(): Promise<void>;
}

/** Calls the API as one signed-in user. */
export interface TestClient {
  cookie: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

/** The password test accounts get unless a test names one. */
const DEFAULT_PASSWORD = "correct horse battery";

/** The environment a test platform runs with over `database` (on a free port). */
export function testPlatformEnvironment(database: TestDatabase): Record<string, string> {
  return {
    PORT: "0",
    HOST: "127.0.0.1",
    PARLOR_DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    PARLOR_SECRET: "test-secret-test-secret-test-secret-0123",
    // The tests' bots run on this machine; the platform's own default refuses them.
    PARLOR_ALLOW_LOOPBACK_BOTS: "true",
    LOG_LEVEL: "silent",
    // Tests sign many accounts up from one address; the sign-up limit has its own tests.
    PARLOR_RATE_LIMIT_SIGNUPS_PER_HOUR: "10000",
    // No test may find a real Ollama on this machine; the Ollama tests name their fake.
    OLLAMA_HOST: "off",
  };
}

/**
 * Starts a platform for a test on SQLite or PostgreSQL, allowing loopback bots (the tests' bots
 * run on this machine); pass `PARLOR_ALLOW_LOOPBACK_BOTS: "false"` for the default refusal.
 */
export async function startTestPlatform(
  dialect: "sqlite" | "postgres" = "sqlite",
  options: {
    env?: Record<string, string>;
    overrides?: PlatformOverrides;
    database?: TestDatabase;
  } = {},
): Promise<TestPlatform> {
  const database = options.database ?? (await createTestDatabase(dialect));
  const config = loadConfig({ ...testPlatformEnvironment(database), ...options.env });
  // The test database handle is only for setup; the platform opens its own connection.
  const running = await startServer(config, options.overrides);
  const clientFor = (cookie: string): TestClient => clientAt(running.url, { cookie });
  const logIn = async (email: string, password = DEFAULT_PASSWORD) => {
    const login = await clientFor("").request("POST", "/api/auth/login", { email, password });
    return clientFor(login.headers.get("set-cookie")?.split(";")[0] ?? "");
  };
  return {
    ...running,
    database,
    async signUp(email, password = DEFAULT_PASSWORD) {
      await clientFor("").json("POST", "/api/auth/signup", { email, password });
      return logIn(email, password);
    },
    logIn,
    async dispose() {
      await running.close();
      if (!options.database) await database.dispose();
    },
  };
}

/**
 * A client of a running platform with the given credential: a session cookie (the same user
 * after a restart) or a user API key sent as `Authorization: Bearer pk_…`.
 */
export function clientAt(
  url: string,
  credential: { cookie?: string; apiKey?: string },
): TestClient {
  const cookie = credential.cookie ?? "";
  const request: TestClient["request"] = (method, path, body, headers = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(credential.apiKey ? { authorization: `Bearer ${credential.apiKey}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return {
    cookie,
    request,
    async json<T>(method: string, path: string, body?: unknown) {
      const response = await request(method, path, body);
      const parsed = (await response.json()) as T;
      if (!response.ok)
        throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(parsed)}`);
      return parsed;
    },
  };
}

/** Reads an SSE response to the end (or until `done`) as parsed events with their ids. */
export async function readEvents(
  response: Response,
): Promise<{ id: string | undefined; event: string; data: Record<string, unknown> }[]> {
  const { decodeSse } = await import("@parlor/protocol");
  const events: { id: string | undefined; event: string; data: Record<string, unknown> }[] = [];
  for await (const message of decodeSse(response.body!)) {
    events.push({
      id: message.id,
      event: message.event,
      data: JSON.parse(message.data) as Record<string, unknown>,
    });
    if (message.event === "done") break;
  }
  return events;
}
