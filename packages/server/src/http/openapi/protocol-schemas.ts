import { nullable, object, ref } from "./openapi-helpers.js";
import type { SchemaObject } from "./openapi-types.js";

/** Poe protocol 1.2 objects, as the `/bot/` API takes and gives them (wire names). */
export const protocolSchemas: Record<string, SchemaObject> = {
  ProtocolMessage: {
    type: "object",
    description: "One message of a query; only role and content are required",
    properties: {
      role: { type: "string", examples: ["user", "bot", "system", "tool"] },
      content: { type: "string" },
      content_type: { type: "string", default: "text/markdown" },
      message_type: { type: ["string", "null"], examples: ["function_call"] },
      timestamp: { type: "integer", description: "Microseconds since the epoch" },
      message_id: { type: "string" },
      parameters: { type: "object" },
      attachments: { type: "array", items: { type: "object" } },
      metadata: nullable("string"),
      feedback: { type: "array", items: { type: "object" } },
      sender: { type: ["object", "null"] },
      referenced_message: { type: ["object", "null"] },
      reactions: { type: "array", items: { type: "object" } },
    },
    required: ["role", "content"],
  },
  QueryRequest: {
    type: "object",
    description:
      "A protocol 1.2 `query` request, as fastapi_poe sends it; unlisted fields are ignored",
    properties: {
      version: { type: "string", examples: ["1.2"] },
      type: { type: "string", const: "query" },
      query: { type: "array", items: ref("ProtocolMessage") },
      user_id: { type: "string", description: "Empty: the platform fills it in" },
      conversation_id: { type: "string", description: "Empty: the platform fills it in" },
      message_id: { type: "string", description: "Empty: the platform fills it in" },
      bot_query_id: {
        type: "string",
        description:
          "With a bot access key: the id of the query the calling bot is answering right now",
      },
      metadata: { type: "string" },
      access_key: { type: "string", description: "Never passed on to the called bot" },
      api_key: { type: "string", description: "Never passed on to the called bot" },
      temperature: nullable("number"),
      skip_system_prompt: { type: "boolean" },
      logit_bias: { type: "object", additionalProperties: { type: "number" } },
      stop_sequences: { type: "array", items: { type: "string" } },
      language_code: { type: "string" },
      adopt_current_bot_name: nullable("boolean"),
      users: { type: "array", items: { type: "object" } },
      tools: { type: ["array", "null"], items: { type: "object" } },
      tool_calls: { type: ["array", "null"], items: { type: "object" } },
      tool_results: { type: ["array", "null"], items: { type: "object" } },
      query_creation_time: nullable("integer"),
      extra_params: { type: ["object", "null"] },
    },
    required: ["version", "type", "query", "user_id", "conversation_id", "message_id"],
  },
  SettingsResponse: {
    type: "object",
    description: "What a bot answers to a `settings` request; every field optional",
    properties: {
      response_version: nullable("integer"),
      server_bot_dependencies: {
        type: ["object", "null"],
        additionalProperties: { type: "integer", minimum: 0 },
      },
      allow_attachments: nullable("boolean"),
      expand_text_attachments: nullable("boolean"),
      enable_image_comprehension: nullable("boolean"),
      introduction_message: nullable("string"),
      enforce_author_role_alternation: nullable("boolean"),
      enable_multi_bot_chat_prompting: nullable("boolean"),
      enable_multi_entity_prompting: nullable("boolean"),
      rate_card: nullable("string"),
      cost_label: nullable("string"),
      custom_rate_card: nullable("string"),
      parameter_controls: { type: ["object", "null"] },
      context_clear_window_secs: nullable("integer"),
      allow_user_context_clear: nullable("boolean"),
    },
  },
  SettingsSyncResult: object({
    status: { type: "string", const: "success" },
    bot: { type: "string", description: "The bot's handle" },
    settings: ref("BotSettings"),
    settings_fetched_at: nullable("integer", "Milliseconds since the epoch"),
  }),
  CostItem: object(
    {
      amount_usd_milli_cents: {
        type: "number",
        minimum: 0,
        description: "1/1000 of a US cent; fractions are rounded up",
      },
      description: nullable("string"),
    },
    { optional: ["description"] },
  ),
  FileEvent: object(
    {
      url: { type: "string" },
      content_type: { type: "string" },
      name: { type: "string" },
      inline_ref: nullable("string", "Rendered inline where the Markdown says ![x][inline_ref]"),
      index: { type: "integer" },
    },
    { optional: ["index"], description: "A file attached to a reply (`file` event data)" },
  ),
  BotJsonReply: {
    type: "object",
    description:
      "What a bot may answer with `Content-Type: application/json` instead of a stream, within 30 s; needs `text` or `error`",
    properties: {
      text: { type: "string" },
      suggested_replies: { type: "array", items: { type: "string" } },
      content_type: { type: "string", examples: ["text/markdown", "text/plain"] },
      error: { type: "string", description: "Ends the reply as an error showing this text" },
    },
    anyOf: [{ required: ["text"] }, { required: ["error"] }],
  },
};
