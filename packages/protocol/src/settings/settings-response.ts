import { z } from "zod";
import { type ParameterControls, parameterControlsSchema } from "./parameter-controls.js";

/** The `response_version` fastapi_poe 0.0.81 sends, selecting the newest default table. */
export const SETTINGS_RESPONSE_VERSION = 2;

/**
 * A bot's answer to a `settings` request (reference §3.1). Every field is optional and may be
 * `null` (fastapi_poe sends `null` for unset ones, meaning "use the default"); unknown keys are
 * dropped so a bot on a newer protocol does not lose all its settings. Use `resolveSettings`
 * for concrete values.
 */
export const settingsResponseSchema = z.object({
  /** Selects the default table; absent means version 0. */
  response_version: z.number().int().nonnegative().nullish(),
  /** Bots this bot calls, with how many calls per user message. */
  server_bot_dependencies: z.record(z.string(), z.number().int().nonnegative()).nullish(),
  allow_attachments: z.boolean().nullish(),
  /** Poe puts the text of text and PDF attachments in `parsed_content`. */
  expand_text_attachments: z.boolean().nullish(),
  /** Poe describes image attachments in `parsed_content` (one image per message). */
  enable_image_comprehension: z.boolean().nullish(),
  /** Markdown greeting shown when a chat starts. */
  introduction_message: z.string().nullish(),
  /** Merge consecutive same-role messages so user and bot strictly alternate. */
  enforce_author_role_alternation: z.boolean().nullish(),
  /** Deprecated in favour of `enable_multi_entity_prompting`. */
  enable_multi_bot_chat_prompting: z.boolean().nullish(),
  enable_multi_entity_prompting: z.boolean().nullish(),
  /** Markdown pricing text; `[usd_milli_cents=X]` tags render as points. */
  rate_card: z.string().nullish(),
  /** Short price label, e.g. `"[usd_milli_cents=30]+"`. */
  cost_label: z.string().nullish(),
  parameter_controls: parameterControlsSchema.nullish(),
  /** Deprecated name of `rate_card`. */
  custom_rate_card: z.string().nullish(),
  /** Deprecated: seconds of inactivity after which context resets; 0 means never. */
  context_clear_window_secs: z.number().int().nonnegative().nullish(),
  /** Deprecated: whether users may clear the context. */
  allow_user_context_clear: z.boolean().nullish(),
});

/** A settings response as parsed: any field may be missing or `null`. */
export type SettingsResponse = z.output<typeof settingsResponseSchema>;

/** A bot's settings with every default applied; wire names kept. */
export interface ResolvedSettings {
  response_version: number;
  server_bot_dependencies: Record<string, number>;
  allow_attachments: boolean;
  expand_text_attachments: boolean;
  enable_image_comprehension: boolean;
  introduction_message: string | null;
  enforce_author_role_alternation: boolean;
  enable_multi_bot_chat_prompting: boolean;
  enable_multi_entity_prompting: boolean;
  rate_card: string | null;
  cost_label: string | null;
  parameter_controls: ParameterControls | null;
  allow_user_context_clear: boolean;
  /** `null` leaves the inactivity window to the platform. */
  context_clear_window_secs: number | null;
}

/**
 * Applies the default table chosen by `response_version` (absent means 0) to every field that
 * is missing or `null`. Versions 1 and later turn attachments and multi-bot prompting on.
 */
export function resolveSettings(settings: SettingsResponse): ResolvedSettings {
  const version = settings.response_version ?? 0;
  const modern = version >= 1;
  return {
    response_version: version,
    server_bot_dependencies: { ...settings.server_bot_dependencies },
    allow_attachments: settings.allow_attachments ?? modern,
    expand_text_attachments: settings.expand_text_attachments ?? true,
    enable_image_comprehension: settings.enable_image_comprehension ?? false,
    introduction_message: settings.introduction_message ?? null,
    enforce_author_role_alternation: settings.enforce_author_role_alternation ?? false,
    enable_multi_bot_chat_prompting: settings.enable_multi_bot_chat_prompting ?? modern,
    enable_multi_entity_prompting: settings.enable_multi_entity_prompting ?? true,
    // custom_rate_card is the deprecated name; an old bot may still send only that.
    rate_card: settings.rate_card ?? settings.custom_rate_card ?? null,
    cost_label: settings.cost_label ?? null,
    parameter_controls: settings.parameter_controls ?? null,
    allow_user_context_clear: settings.allow_user_context_clear ?? true,
    context_clear_window_secs: settings.context_clear_window_secs ?? null,
  };
}
