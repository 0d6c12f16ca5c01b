import { z } from "zod";
import { botInputSchema } from "../bots/bot-input.js";
import { invalidField } from "../errors.js";
import { TEXT_LIMITS } from "../input/text-limits.js";
import { userText } from "../input/user-text.js";
import type { BotsTable } from "../store/schema.js";
import type { Store } from "../store/store.js";
import { baseProblem } from "./prompt-bases.js";
import { PROMPT_VARIABLES, unknownVariables } from "./prompt-variables.js";

const promptFields = {
  /** The handle of the bot it calls: a model bot, or any bot the creator may use. */
  base_bot: z.string().min(1).max(100),
  prompt: userText(TEXT_LIMITS.botPrompt).superRefine((prompt, context) => {
    const unknown = unknownVariables(prompt);
    if (unknown.length === 0) return;
    const known = Object.keys(PROMPT_VARIABLES).map((name) => `{{${name}}}`);
    context.addIssue({
      code: "custom",
      message: `${unknown.map((name) => `{{${name}}}`).join(", ")} ${unknown.length > 1 ? "are not variables" : "is not a variable"}; the variables are ${known.join(", ")}`,
    });
  }),
  temperature: z.number().min(0).max(2).nullable().optional(),
  suggest_replies: z.boolean().optional(),
};

/** What a creator sends to make a prompt bot (`kind: "prompt"`). */
export const promptBotInputSchema = botInputSchema
  .omit({ server_url: true, access_key: true })
  .extend({ kind: z.literal("prompt"), ...promptFields });

/** The fields of a prompt bot its creator may change later. */
export const promptBotUpdateSchema = promptBotInputSchema
  .omit({ handle: true, kind: true })
  .partial();

type PromptColumns = Pick<
  BotsTable,
  "prompt_base_bot_id" | "prompt_text" | "prompt_temperature" | "prompt_suggest_replies"
>;

/**
 * The stored columns for a creator's prompt fields, the base bot found by handle and checked
 * (one the creator may use, no loop, a short chain). Only the fields given are returned.
 */
export async function promptColumns(
  store: Store,
  input: Partial<z.output<typeof promptBotUpdateSchema>>,
  self: { id: string | null; ownerId: string },
): Promise<Partial<PromptColumns>> {
  const columns: Partial<PromptColumns> = {};
  if (input.base_bot !== undefined) {
    const base = await store.bots.findByHandle(input.base_bot.toLowerCase());
    // The same words whether the bot is missing or not the creator's to see.
    const problem = base
      ? await baseProblem(store, base, self)
      : `@${input.base_bot} is not a bot its creator may use`;
    if (problem || !base) throw invalidField("base_bot", problem!);
    columns.prompt_base_bot_id = base.id;
  }
  if (input.prompt !== undefined) columns.prompt_text = input.prompt;
  if (input.temperature !== undefined) columns.prompt_temperature = input.temperature;
  if (input.suggest_replies !== undefined) {
    columns.prompt_suggest_replies = input.suggest_replies ? 1 : 0;
  }
  return columns;
}
