import { ApiError, describeError } from "../api/api-error.js";
import type { BotInput } from "../api/bots.js";
import type { Bot, Visibility } from "../api/types.js";

/** The kinds of bot a creator can make: a webhook, or a prompt over another bot. */
export type CreatorKind = "server" | "prompt";

/** Everything the creator form edits, as the inputs hold it (strings until saved). */
export interface BotFormValues {
  kind: CreatorKind;
  handle: string;
  display_name: string;
  description: string;
  greeting: string;
  visibility: Visibility;
  server_url: string;
  memory: "all" | "last";
  memory_last_n: string;
  base_bot: string;
  prompt: string;
  /** Empty: the base bot's own temperature. */
  temperature: string;
  suggest_replies: boolean;
}

/** The fields an API error can point at, by their wire names. */
export type FormField =
  | "handle"
  | "display_name"
  | "description"
  | "greeting"
  | "visibility"
  | "server_url"
  | "memory_last_n"
  | "base_bot"
  | "prompt"
  | "temperature";

/** The form's starting values: the bot's own, or a new bot's defaults. */
export function valuesOf(bot?: Bot): BotFormValues {
  return {
    // A new bot starts as a prompt bot: the one a creator can finish without a server.
    kind: !bot || bot.kind === "prompt" ? "prompt" : "server",
    handle: bot?.handle ?? "",
    display_name: bot?.display_name ?? "",
    description: bot?.description ?? "",
    // `greeting` falls back to the settings' introduction; only the bot's own is edited here.
    greeting:
      bot?.greeting && bot.greeting !== bot.settings.introduction_message ? bot.greeting : "",
    visibility: bot?.visibility ?? "private",
    server_url: bot?.server_url ?? "",
    memory: bot?.memory_last_n ? "last" : "all",
    memory_last_n: String(bot?.memory_last_n ?? 20),
    base_bot: bot?.prompt?.base_bot?.handle ?? "",
    prompt: bot?.prompt?.text ?? "",
    temperature: bot?.prompt?.temperature == null ? "" : String(bot.prompt.temperature),
    suggest_replies: bot?.prompt?.suggest_replies ?? true,
  };
}

/** What the API gets from the form: empty optional fields become their defaults. */
export function inputOf(values: BotFormValues): BotInput {
  const common = {
    display_name: values.display_name.trim() || values.handle.trim(),
    description: values.description,
    greeting: values.greeting.trim() ? values.greeting : null,
    visibility: values.visibility,
    memory_last_n: values.memory === "last" ? Number(values.memory_last_n) : null,
  };
  if (values.kind === "server") return { ...common, server_url: values.server_url.trim() };
  return {
    ...common,
    base_bot: values.base_bot,
    prompt: values.prompt,
    temperature: values.temperature.trim() === "" ? null : Number(values.temperature),
    suggest_replies: values.suggest_replies,
  };
}

const fields: FormField[] = [
  "handle",
  "display_name",
  "description",
  "greeting",
  "visibility",
  "server_url",
  "memory_last_n",
  "base_bot",
  "prompt",
  "temperature",
];

/**
 * Which field a refusal is about: the platform names the wire field in its 400 message, and a
 * 409 is always the handle. Undefined when it is about the form as a whole.
 */
export function fieldErrorOf(error: unknown): { field?: FormField; message: string } {
  const message = describeError(error);
  if (error instanceof ApiError && error.status === 409) return { field: "handle", message };
  if (!(error instanceof ApiError) || error.status !== 400) return { message };
  const named = fields.find((name) => name === error.field);
  if (named) return { field: named, message };
  const field = fields.find((name) => new RegExp(`\\b${name}\\b`).test(message));
  if (field) return { field, message };
  // The outbound rules' refusals speak of the address, not the field.
  if (/\b(url|address|host)\b/i.test(message)) return { field: "server_url", message };
  return { message };
}
