import type { TestClient, TestPlatform } from "../../testing/test-platform.js";
import { startTestPlatform } from "../../testing/test-platform.js";

/** Retries without waiting, so a test of a 429 or 5xx does not sleep. */
export const NO_WAIT = { providerOptions: { retry: { sleep: async () => {} } } };

/** A platform whose model discovery has finished, and a signed-up user. */
export async function startModelsPlatform(
  dialect: "sqlite" | "postgres",
  env: Record<string, string>,
  database?: TestPlatform["database"],
): Promise<{ platform: TestPlatform; user: TestClient }> {
  const platform = await startTestPlatform(dialect, {
    env,
    overrides: NO_WAIT,
    ...(database && { database }),
  });
  await platform.platform.modelsReady;
  const user = await platform.signUp(`user-${Math.random().toString(36).slice(2)}@example.com`);
  return { platform, user };
}

/** A bot as `GET /api/bots` lists it, with the fields these tests look at. */
export interface ListedBot {
  handle: string;
  display_name: string;
  kind: string;
  avatar_url: string | null;
  model: { provider: string; vendor: string; model_id: string } | null;
}

/** The bots a user sees listed. */
export async function listedBots(user: TestClient): Promise<ListedBot[]> {
  return (await user.json<{ bots: ListedBot[] }>("GET", "/api/bots")).bots;
}
