import { notForYou } from "./admin-paths.js";
import {
  COOKIE_OR_API_KEY,
  badRequest,
  csrfError,
  jsonBody,
  jsonResponse,
  nullable,
  object,
  timestamp,
  tooLarge,
} from "./openapi-helpers.js";
import type { PathsObject, SchemaObject } from "./openapi-types.js";

const sums = {
  messages: { type: "integer", description: "Replies the user asked for directly" },
  replies: { type: "integer", description: "Every reply, bots' dependency calls included" },
  input_tokens: { type: "integer" },
  output_tokens: { type: "integer" },
  cost_usd: { type: "number", description: "US dollars, replies of unknown price left out" },
  unpriced_replies: {
    type: "integer",
    description: "Replies that counted tokens for a model without a known price",
  },
} satisfies Record<string, SchemaObject>;

const override = object({
  provider: {
    type: "string",
    description: "`openai`, `anthropic`, `gemini`, or a compatible server's name (`ollama`)",
  },
  model: { type: "string", description: "The vendor's model id, as the bot calls it" },
  input_per_million: { type: "number", description: "US dollars per million input tokens" },
  output_per_million: { type: "number", description: "US dollars per million output tokens" },
});

const caps = {
  messages_per_day: nullable("integer", "null: no cap"),
  cost_usd_per_day: nullable("number", "US dollars; null: no cap"),
} satisfies Record<string, SchemaObject>;

const limits = object({
  default: object(caps),
  users: {
    type: "array",
    description: "Users whose caps replace the default",
    items: object({ user_id: { type: "string" }, email: nullable("string"), ...caps }),
  },
  resets_at: timestamp("The next UTC midnight, when today's counts start again"),
});

/** Usage and cost per user and bot, price overrides and daily limits. Admins only. */
export const usagePaths: PathsObject = {
  "/api/admin/usage": {
    get: {
      operationId: "adminUsage",
      summary: "Cost and tokens per user and per bot",
      description: "Over the last `days` UTC days, today included, the costliest first.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      parameters: [
        {
          name: "days",
          in: "query",
          required: false,
          schema: { type: "string", enum: ["1", "7", "30"], default: "1" },
        },
      ],
      responses: {
        "200": jsonResponse(
          "The sums",
          object({
            period: object({
              days: { type: "integer" },
              from_day: { type: "string", examples: ["2026-12-01"] },
              to_day: { type: "string" },
            }),
            users: {
              type: "array",
              items: object({
                user_id: { type: "string" },
                email: nullable("string", "null: the account was deleted"),
                ...sums,
              }),
            },
            bots: {
              type: "array",
              items: object({
                bot_id: { type: "string" },
                handle: nullable("string", "null: the bot was deleted"),
                ...sums,
              }),
            },
          }),
        ),
        ...badRequest("`days` is not 1, 7 or 30"),
        ...notForYou,
      },
    },
  },
  "/api/admin/prices": {
    get: {
      operationId: "adminPrices",
      summary: "The admin's price overrides",
      description:
        "Prices otherwise come from the `@pydantic/genai-prices` package; an override wins for its provider and model.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: {
        "200": jsonResponse(
          "The overrides",
          object({
            overrides: {
              type: "array",
              items: {
                ...override,
                properties: {
                  ...override.properties,
                  package_price: {
                    type: ["object", "null"],
                    description: "The package's price for comparison; null: it has none",
                  },
                },
              },
            },
          }),
        ),
        ...notForYou,
      },
    },
    put: {
      operationId: "adminSetPrices",
      summary: "Replace the price overrides",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(object({ overrides: { type: "array", items: override } })),
      responses: {
        "200": jsonResponse(
          "The overrides",
          object({ overrides: { type: "array", items: override } }),
        ),
        ...badRequest("a price is negative or a field is missing"),
        ...csrfError,
        ...notForYou,
        ...tooLarge,
      },
    },
  },
  "/api/admin/daily-limits": {
    get: {
      operationId: "adminDailyLimits",
      summary: "The daily caps on messages and cost",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      responses: { "200": jsonResponse("The caps", limits), ...notForYou },
    },
    put: {
      operationId: "adminSetDailyLimits",
      summary: "Replace the daily caps",
      description:
        "Users are named by email. A user past a cap gets 429 `daily_limit_reached` (`insufficient_quota` on `/v1`) until the next UTC midnight.",
      tags: ["admin"],
      security: COOKIE_OR_API_KEY,
      requestBody: jsonBody(
        object({
          default: object(caps),
          users: { type: "array", items: object({ email: { type: "string" }, ...caps }) },
        }),
      ),
      responses: {
        "200": jsonResponse("The caps", limits),
        ...badRequest("a cap is negative, or no account has an email"),
        ...csrfError,
        ...notForYou,
        ...tooLarge,
      },
    },
  },
};
