import type { Command } from "commander";
import { z } from "zod";
import { CliError } from "../cli-error.js";
import { cliEnvironment } from "../cli-environment.js";
import { actorByEmail, firstAdmin } from "../find-actor.js";
import { closeLocalPlatform, openLocalPlatform } from "../local-platform.js";
import { createAdminClient, type AdminClient } from "./admin-client.js";
import type { ApiClient } from "./api-client.js";
import { createLocalApiClient } from "./local-api-client.js";
import { createRemoteApiClient } from "./remote-api-client.js";

/** The options every admin command takes. */
export interface AdminOptions {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/** Adds `--url`, `--api-key` and `--json` to an admin command. */
export function withAdminOptions(command: Command): Command {
  return command
    .option("--url <url>", "manage the platform running at this URL (default: PARLOR_URL)")
    .option("--api-key <key>", "an admin's API key for --url (default: PARLOR_API_KEY)")
    .option("--json", "print JSON for scripts instead of text");
}

/** Whom a command acts as: an admin (the default), or, for keys, the keys' owner. */
export interface Acting {
  admin: boolean;
  /** Keys are their owner's only: locally the command acts as this user; remotely it must be the key's. */
  email?: string | undefined;
}

const urlSchema = z.url({ protocol: /^https?$/ });

/** The platform over HTTP: `--url` / PARLOR_URL, with `--api-key` / PARLOR_API_KEY. */
function remoteClient(url: string, apiKey: string | undefined): ApiClient {
  if (!urlSchema.safeParse(url).success)
    throw new CliError(`--url must be an http:// or https:// URL, not ${url}`);
  if (!apiKey)
    throw new CliError(
      "--url needs an API key (an admin's, but for the keys commands): set PARLOR_API_KEY or pass --api-key",
    );
  if (!apiKey.startsWith("pk_"))
    throw new CliError(
      "That is not a Parlor API key: they start with pk_ (see `parlor keys create`)",
    );
  return createRemoteApiClient(url, apiKey);
}

/** This machine's platform in-process, acting as `email` or else the first admin. */
async function localClient(acting: Acting): Promise<ApiClient> {
  const platform = await openLocalPlatform();
  try {
    const actor = acting.email
      ? await actorByEmail(platform, acting.email)
      : await firstAdmin(platform);
    return await createLocalApiClient(platform, actor, () => closeLocalPlatform(platform));
  } catch (error) {
    await closeLocalPlatform(platform);
    throw error;
  }
}

/** Over --url the key's owner acts; a command for another user's keys cannot be done there. */
async function checkRemoteActor(client: AdminClient, email: string): Promise<void> {
  const me = await client.me();
  if (me.email !== email.trim().toLowerCase()) {
    throw new CliError(
      `Over --url this acts as the API key's owner, ${me.email}: API keys are private even to admins, so ${email}'s keys can be managed only on the platform's machine`,
    );
  }
}

/**
 * Runs an admin command against the platform it names: remote with `--url` (or PARLOR_URL),
 * else this machine's database. Either way it goes through the platform's HTTP API
 * ({@link ApiClient}), so both behave alike.
 */
export async function withAdminClient<T>(
  options: AdminOptions,
  run: (client: AdminClient) => Promise<T>,
  acting: Acting = { admin: true },
): Promise<T> {
  const environment = cliEnvironment();
  const url = options.url ?? environment.url;
  const apiKey = options.apiKey ?? environment.apiKey;
  if (!url && options.apiKey) throw new CliError("--api-key goes with --url");
  const api = url ? remoteClient(url, apiKey) : await localClient(acting);
  try {
    const client = createAdminClient(api);
    if (acting.admin) await client.requireAdmin();
    else if (api.remote && acting.email) await checkRemoteActor(client, acting.email);
    return await run(client);
  } finally {
    await api.close();
  }
}
