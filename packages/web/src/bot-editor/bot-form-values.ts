import { ApiError, describeError } from "../api/api-error.js";
import type { BotInput } from "../api/bots.js";
import type { Bot, Visibility } from "../api/types.js";

/** The kinds of bot the creator can make; model and prompt bots join this list later. */
export type CreatorKind = "server";

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
}

/** The fields an API error can point at, by their wire names. */
export type FormField =
  | "handle"
  | "display_name"
  | "description"
  | "greeting"
  | "visibility"
  | "server_url"
  | "memory_last_n";

/** The form's starting values: the bot's own, or a new bot's defaults. */
export function valuesOf(bot?: Bot): BotFormValues {
  return {
    kind: "server",
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
  };
}

/** What the API gets from the form: empty optional fields become their defaults. */
export function inputOf(values: BotFormValues): BotInput & { server_url: string } {
  return {
    display_name: values.display_name.trim() || values.handle.trim(),
    description: values.description,
    greeting: values.greeting.trim() ? values.greeting : null,
    visibility: values.visibility,
    server_url: values.server_url.trim(),
    memory_last_n: values.memory === "last" ? Number(values.memory_last_n) : null,
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
];

/**
 * Which field a refusal is about: the platform names the wire field in its 400 message, and a
 * 409 is always the handle. Undefined when it is about the form as a whole.
 */
export function fieldErrorOf(error: unknown): { field?: FormField; message: string } {
  const message = describeError(error);
  if (error instanceof ApiError && error.status === 409) return { field: "handle", message };
  if (!(error instanceof ApiError) || error.status !== 400) return { message };
  const field = fields.find((name) => new RegExp(`\\b${name}\\b`).test(message));
  if (field) return { field, message };
  // The outbound rules' refusals speak of the address, not the field.
  if (/\b(url|address|host)\b/i.test(message)) return { field: "server_url", message };
  return { message };
}
