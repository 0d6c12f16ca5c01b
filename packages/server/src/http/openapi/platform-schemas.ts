import { nullable, object, ref, timestamp } from "./openapi-helpers.js";
import type { SchemaObject } from "./openapi-types.js";

const ACCOUNT_STATUS: SchemaObject = {
  type: "string",
  enum: ["active", "pending", "disabled"],
  description: "`pending`: waits for an admin's approval (sign-up policy `approval`)",
};

/** The platform API's own objects, as the routes serialise them. */
export const platformSchemas: Record<string, SchemaObject> = {
  Error: object(
    {
      error: object(
        {
          code: {
            type: "string",
            description:
              "Stable machine-readable code: invalid_request, unauthenticated, csrf, forbidden, not_found, conflict, payload_too_large, rate_limited, internal_error, or a route's own",
          },
          message: {
            type: "string",
            description:
              "A plain sentence, safe to show to users; several problems separated by '; '",
          },
          field: {
            type: "string",
            description: "On a 400 about one field, its dotted path (`tools.0.function.name`)",
          },
        },
        { optional: ["field"], closed: true },
      ),
    },
    { description: "Every platform error (everything but /v1)" },
  ),
  Ok: object({ ok: { type: "boolean", const: true } }),
  User: object({
    id: { type: "string", examples: ["usr_3kq8…"] },
    email: { type: "string" },
    role: { type: "string", enum: ["admin", "user"] },
    created_at: timestamp(),
    status: ACCOUNT_STATUS,
  }),
  AdminUser: object(
    {
      id: { type: "string" },
      email: { type: "string" },
      role: { type: "string", enum: ["admin", "user"] },
      created_at: timestamp(),
      disabled_at: nullable("integer", "When an admin disabled the account; null while enabled"),
      status: ACCOUNT_STATUS,
    },
    { description: "An account as admins see it" },
  ),
  SessionUser: object(
    {
      id: { type: "string" },
      email: { type: "string" },
      role: { type: "string", enum: ["admin", "user"] },
      display_name: nullable("string", "The name they chose; null: show the email"),
      avatar_url: nullable("string", "`/api/users/<id>/avatar?v=…`, or null without an avatar"),
      has_password: {
        type: "boolean",
        description: "False for accounts that sign in another way: they confirm deletion by email",
      },
    },
    { description: "The signed-in user, as login and /me show it" },
  ),
  ApiKey: object(
    {
      id: { type: "string", examples: ["key_…"] },
      user_id: { type: "string" },
      name: { type: "string" },
      prefix: { type: "string", description: "The key's first 9 characters (`pk_` and 6 more)" },
      created_at: timestamp(),
      last_used_at: nullable("integer", "Milliseconds since the epoch; null if never used"),
      revoked_at: nullable("integer", "Milliseconds since the epoch; null while active"),
    },
    { description: "A key without its secret; revoked keys stay listed" },
  ),
  CreatedApiKey: object({
    id: { type: "string" },
    key: { type: "string", description: "`pk_…`: shown this once, stored only as a hash" },
    prefix: { type: "string" },
    note: { type: "string" },
  }),
  BotSettings: object(
    {
      response_version: { type: "integer" },
      server_bot_dependencies: {
        type: "object",
        additionalProperties: { type: "integer" },
        description: "Bot handle → calls allowed per user message",
      },
      allow_attachments: { type: "boolean" },
      expand_text_attachments: { type: "boolean" },
      enable_image_comprehension: { type: "boolean" },
      introduction_message: nullable("string"),
      enforce_author_role_alternation: { type: "boolean" },
      enable_multi_bot_chat_prompting: { type: "boolean" },
      enable_multi_entity_prompting: { type: "boolean" },
      rate_card: nullable("string"),
      cost_label: nullable("string"),
      parameter_controls: { type: ["object", "null"] },
      allow_user_context_clear: { type: "boolean" },
      context_clear_window_secs: nullable("integer"),
    },
    { description: "A bot's settings with the protocol's defaults applied" },
  ),
  Bot: object({
    id: { type: "string", examples: ["bot_…"] },
    handle: { type: "string", description: "Unique, lower case; `/bot/<handle>` and the model" },
    display_name: { type: "string" },
    description: { type: "string" },
    avatar_url: nullable(
      "string",
      "The platform's own path of the stored avatar, `/api/bots/<handle>/avatar?v=<version>`; null without one",
    ),
    greeting: nullable("string", "The bot's own greeting, else its introduction_message"),
    owner_id: { type: "string", description: "`usr_system` for built-in bots" },
    visibility: {
      type: "string",
      enum: ["public", "unlisted", "private"],
      description:
        "public: listed for everyone; unlisted: anyone signed in may open and use it by handle, listed only for its owner; private: its owner (and admins) only",
    },
    hidden: {
      type: "boolean",
      description: "Hidden by an admin: nobody but its owner and admins may list, open or use it",
    },
    kind: { type: "string", enum: ["server", "in_process", "model", "prompt"] },
    server_url: nullable("string"),
    model: {
      description: "Model bots only (else null): the vendor model it is",
      oneOf: [
        { type: "null" },
        object(
          {
            provider: {
              type: "string",
              description: "openai, anthropic, gemini, or a server's name",
            },
            vendor: { type: "string", description: "For people, e.g. `OpenAI`" },
            model_id: { type: "string", description: "The vendor's model id, e.g. `gpt-4o`" },
          },
          { closed: true },
        ),
      ],
    },
    prompt: {
      description:
        "Prompt bots only (else null): what it runs on; its prompt for those who may edit it",
      oneOf: [
        { type: "null" },
        object(
          {
            base_bot: {
              description: "The bot it calls; null when that bot was deleted",
              oneOf: [
                { type: "null" },
                object({
                  handle: { type: "string" },
                  display_name: { type: "string" },
                  model: { description: "The base bot's `model`, null unless it is a model bot" },
                }),
              ],
            },
            suggest_replies: { type: "boolean" },
            text: { type: "string", description: "The prompt, `{{variables}}` unfilled" },
            temperature: nullable("number"),
          },
          { optional: ["text", "temperature"] },
        ),
      ],
    },
    memory_last_n: nullable("integer", "Messages of history sent; null for all (up to 1000)"),
    settings: ref("BotSettings"),
    settings_fetched_at: nullable("integer", "Milliseconds since the epoch; null if never"),
    created_at: timestamp(),
  }),
  BotInput: object(
    {
      handle: {
        type: "string",
        pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{1,49}$",
        description: "Stored in lower case",
      },
      display_name: { type: "string", minLength: 1, maxLength: 80 },
      description: { type: "string", maxLength: 2000, default: "" },
      avatar_url: {
        type: ["string", "null"],
        format: "uri",
        description:
          "http(s) URL of a PNG, JPEG, WebP or GIF up to 2 MB, fetched once and stored as the avatar (the URL is not kept); null removes the avatar",
      },
      greeting: { type: ["string", "null"], maxLength: 4000 },
      visibility: {
        type: "string",
        enum: ["public", "unlisted", "private"],
        default: "public",
      },
      kind: { type: "string", const: "server" },
      server_url: { type: "string", format: "uri", description: "http:// or https://" },
      access_key: {
        type: "string",
        minLength: 32,
        maxLength: 32,
        description: "The bot's key, if it has one already; generated when left out",
      },
      memory_last_n: { type: ["integer", "null"], minimum: 1, maximum: 1000 },
    },
    {
      optional: [
        "kind",
        "display_name",
        "description",
        "avatar_url",
        "greeting",
        "visibility",
        "access_key",
        "memory_last_n",
      ],
      closed: true,
    },
  ),
  PromptBotInput: object(
    {
      kind: { type: "string", const: "prompt" },
      handle: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{1,49}$" },
      display_name: { type: "string", minLength: 1, maxLength: 80 },
      description: { type: "string", maxLength: 2000, default: "" },
      avatar_url: { type: ["string", "null"], format: "uri" },
      greeting: { type: ["string", "null"], maxLength: 4000 },
      visibility: { type: "string", enum: ["public", "unlisted", "private"], default: "public" },
      memory_last_n: { type: ["integer", "null"], minimum: 1, maximum: 1000 },
      base_bot: {
        type: "string",
        description: "Handle of the bot it calls: a model bot or any bot the creator may use",
      },
      prompt: {
        type: "string",
        maxLength: 20000,
        description:
          "Sent as the system message; may use {{user_name}}, {{bot_name}}, {{date}}, {{weekday}}, {{time}}",
      },
      temperature: { type: ["number", "null"], minimum: 0, maximum: 2 },
      suggest_replies: { type: "boolean", default: false },
    },
    {
      optional: [
        "display_name",
        "description",
        "avatar_url",
        "greeting",
        "visibility",
        "memory_last_n",
        "temperature",
        "suggest_replies",
      ],
      closed: true,
    },
  ),
  BotUpdate: {
    type: "object",
    description:
      "Any fields of BotInput but `handle` and `access_key`; for prompt bots, those of PromptBotInput but `handle` and `kind`",
    properties: {
      display_name: { type: "string", minLength: 1, maxLength: 80 },
      description: { type: "string", maxLength: 2000 },
      avatar_url: {
        type: ["string", "null"],
        format: "uri",
        description:
          "http(s) URL of a PNG, JPEG, WebP or GIF up to 2 MB, fetched once and stored as the avatar (the URL is not kept); null removes the avatar",
      },
      greeting: { type: ["string", "null"], maxLength: 4000 },
      visibility: { type: "string", enum: ["public", "unlisted", "private"] },
      server_url: { type: "string", format: "uri", description: "Server bots only" },
      memory_last_n: { type: ["integer", "null"], minimum: 1, maximum: 1000 },
      base_bot: { type: "string", description: "Prompt bots only" },
      prompt: { type: "string", maxLength: 20000, description: "Prompt bots only" },
      temperature: { type: ["number", "null"], minimum: 0, maximum: 2 },
      suggest_replies: { type: "boolean" },
    },
    additionalProperties: false,
  },
  AdminBot: {
    description: "A bot as admins list it: as everyone sees it, and its owner's email",
    allOf: [ref("Bot"), object({ owner_email: { type: "string" } })],
  },
  ConformanceReport: object({
    checks: {
      type: "array",
      items: object(
        {
          name: { type: "string" },
          passed: { type: "boolean" },
          detail: { type: "string", description: "One sentence: what a platform would do, why" },
          warning: { type: "boolean", const: true },
          skipped: { type: "boolean", const: true },
        },
        { optional: ["warning", "skipped"] },
      ),
    },
    passed: { type: "boolean", description: "Whether every check passed (warnings fail)" },
  }),
  BotCall: object(
    {
      id: { type: "string" },
      bot_id: { type: "string" },
      message_id: nullable("string"),
      user_id: nullable("string"),
      request_type: { type: "string", enum: ["query", "bot_query", "replay"] },
      started_at: timestamp(),
      status: {
        type: "string",
        enum: ["ok", "error", "running"],
        description: "`running`: the call is in progress (its duration and events so far)",
      },
      http_status: nullable("integer"),
      first_event_ms: nullable("integer"),
      duration_ms: nullable("integer"),
      event_count: { type: "integer" },
      error: nullable("string", "What the user was told"),
      malformed_count: {
        type: "integer",
        description: "Events the platform could not parse or refused",
      },
      timed_out: {
        type: "boolean",
        description: "Whether the call missed a deadline (answer, first event, whole reply)",
      },
    },
    { description: "One attempt at calling a bot (a retry is a second row)" },
  ),
  BotCallDetails: object({
    call: ref("BotCall"),
    request: nullable(
      "string",
      "The request body's JSON text as sent, credentials and file URL signatures redacted, cut at 64 KiB; null for calls logged before details were kept",
    ),
    events: {
      type: "array",
      description: "The events as received, at most 500 and 256 KiB of them",
      items: object({
        ms: { type: "integer", description: "Milliseconds since the request started" },
        event: { type: "string" },
        data: { type: "string", description: "The SSE data, undecoded" },
      }),
    },
    raw_response: nullable(
      "string",
      "The `raw_response` of the bot's `error` event: details for the owner (an SDK bot's exception), never shown in chat; null when there is none",
    ),
    truncated: { type: "boolean", description: "Whether the request or the events were cut" },
    request_truncated: { type: "boolean" },
    events_truncated: { type: "boolean" },
  }),
  Conversation: object({
    id: { type: "string", examples: ["conv_…"] },
    user_id: { type: "string" },
    bot_id: { type: "string" },
    title: { type: "string", description: "The bot's name, then the first message's 80 chars" },
    context_id: {
      type: "string",
      description: "The `conversation_id` the bot sees; replaced by a reset",
    },
    created_at: timestamp(),
    updated_at: timestamp(),
  }),
  ListedConversation: {
    description: "A conversation as lists show it, with enough of its bot to show it",
    allOf: [
      ref("Conversation"),
      object({
        bot: object({
          handle: { type: "string" },
          display_name: { type: "string" },
          avatar_url: nullable("string"),
        }),
      }),
    ],
  },
  Message: object({
    id: {
      type: "string",
      description: "`m-…`; for a bot message also the id of its generation",
    },
    conversation_id: { type: "string" },
    parent_id: nullable("string", "The message this one answers or follows"),
    role: { type: "string", enum: ["user", "bot"] },
    content: { type: "string", description: "The text so far while streaming" },
    content_type: { type: "string", examples: ["text/markdown", "text/plain"] },
    status: { type: "string", enum: ["complete", "streaming", "incomplete", "error"] },
    error: nullable("string", "Why the reply is incomplete or failed"),
    allow_retry: nullable(
      "boolean",
      "For a reply that failed (`status` error): whether trying again makes sense (false when the bot said not to); null otherwise",
    ),
    suggested_replies: { type: "array", items: { type: "string" } },
    files: { type: "array", items: ref("FileEvent") },
    attachments: {
      type: "array",
      items: object(
        {
          file_id: { type: "string" },
          name: { type: "string" },
          content_type: { type: "string" },
          text: { type: "string", description: "Extracted text of a text file up to 1 MiB" },
        },
        { optional: ["text"] },
      ),
    },
    feedback: { type: ["string", "null"], enum: ["like", "dislike", null] },
    reaction: nullable("string"),
    bot: {
      description:
        "The bot that wrote this reply when the message it answers began with its `@Handle`; null for the conversation's own bot and for user messages",
      anyOf: [
        object({
          handle: { type: "string", description: "Empty for a bot deleted since" },
          display_name: { type: "string" },
          avatar_url: nullable("string"),
        }),
        { type: "null" },
      ],
    },
    context_id: { type: "string" },
    created_at: timestamp(),
    usage: {
      description:
        "For a reply whose bot counted tokens (model bots): the tokens and their cost in US dollars (`cost_usd` null: the model's price is not known); null otherwise",
      oneOf: [
        object({
          input_tokens: { type: "integer" },
          output_tokens: { type: "integer" },
          cost_usd: nullable("number"),
        }),
        { type: "null" },
      ],
    },
  }),
  UploadedFile: object({
    id: { type: "string", examples: ["file_…"] },
    name: { type: "string" },
    content_type: { type: "string" },
    size: { type: "integer", description: "Bytes" },
  }),
};
