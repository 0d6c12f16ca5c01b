import type { Actor } from "../auth/accounts.js";
import { NotFoundError } from "../errors.js";
import type { Platform } from "../platform.js";
import type { BotRow } from "../store/bots-store.js";
import { OpenAIError } from "./openai-error.js";

/** The bot a `model` names, if the actor may use it; otherwise OpenAI's `model_not_found`. */
export async function modelFor(
  platform: Pick<Platform, "bots">,
  actor: Actor,
  model: string,
): Promise<BotRow> {
  try {
    return await platform.bots.usable(actor, model);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new OpenAIError(
      404,
      `The model '${model}' does not exist or you do not have access to it.`,
      { code: "model_not_found", param: "model" },
    );
  }
}

/** A bot as an OpenAI model object. */
export function modelObject(bot: BotRow) {
  return {
    id: bot.handle,
    object: "model" as const,
    created: Math.floor(bot.created_at / 1000),
    owned_by:
      bot.kind === "in_process"
        ? "parlor"
        : bot.kind === "model"
          ? (bot.model_provider ?? "parlor")
          : bot.owner_id,
  };
}
