import { createApp, type Actor, type Platform } from "@parlor/server";
import type { ApiClient, ApiResponse } from "./api-client.js";

/** The name of the key a local run signs its requests with; it is deleted when the run ends. */
const RUN_KEY_NAME = "parlor CLI (this command only)";

/**
 * The platform's HTTP API served in-process by the same Hono app `parlor start` serves, on this
 * machine's database, as `actor`. Going through the app rather than calling services keeps one
 * code path for local and remote runs (and so the same checks: an admin cannot demote
 * themselves here either). Requests carry a user API key minted for this run, as a remote
 * run's would; it is deleted at close, and key lists leave it out.
 */
export async function createLocalApiClient(
  platform: Platform,
  actor: Actor,
  close: () => Promise<void>,
): Promise<ApiClient> {
  const app = createApp(platform);
  const { id, key } = await platform.accounts.createApiKey(actor.userId, RUN_KEY_NAME);
  return {
    target: platform.config.databaseUrl ? "the PostgreSQL database" : platform.config.dataDir,
    remote: false,
    runKeyId: id,
    async request(method, path, body): Promise<ApiResponse> {
      const response = await app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text === "" ? undefined : (JSON.parse(text) as unknown),
      };
    },
    async close() {
      try {
        // Revoked through the store (which clears its cache of active keys), then the row
        // goes, so the user's key list does not fill with one revoked key per command.
        await platform.accounts.revokeApiKey(actor.userId, id);
        await platform.store.db.deleteFrom("api_keys").where("id", "=", id).execute();
      } finally {
        await close();
      }
    },
  };
}
