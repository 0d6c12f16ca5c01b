import type { Context } from "hono";
import type { Actor } from "../auth/accounts.js";
import type { AppEnv } from "../http/app-env.js";
import { OpenAIError } from "./openai-error.js";
import { requestHeader } from "../http/request-header.js";

/** The user whose API key (`Authorization: Bearer pk_…`) the request carries, or a 401. */
export async function requireApiKey(context: Context<AppEnv>): Promise<Actor> {
  const header = requestHeader(context, "authorization");
  const key = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
  if (!key) {
    throw new OpenAIError(
      401,
      "You didn't provide an API key. Send your Parlor API key as 'Authorization: Bearer pk_…'.",
      { code: "missing_api_key" },
    );
  }
  const actor = await context.var.platform.accounts.actorForApiKey(key);
  if (!actor) {
    throw new OpenAIError(
      401,
      `Incorrect API key provided: ${key.slice(0, 6)}…. Create one under Settings → API keys.`,
      { code: "invalid_api_key" },
    );
  }
  return actor;
}
