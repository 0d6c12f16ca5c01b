import { z } from "zod";
import {
  toolCallDefinitionSchema,
  toolDefinitionSchema,
  toolResultDefinitionSchema,
} from "../tools/tool-definitions.js";
import { protocolMessageSchema, userSchema } from "./protocol-message.js";

/** What fastapi_poe puts in `api_key` / `access_key` when it has no key to give. */
export const MISSING_ACCESS_KEY = "<missing>";

/**
 * A `query` request: the chat so far, sent to a bot that answers with an SSE stream
 * (reference §1.4). Defaults are fastapi_poe's, so a parsed request is complete.
 */
export const queryRequestSchema = z.object({
  version: z.string(),
  type: z.literal("query"),
  /** Chat history, oldest first; the last message is the one to answer. */
  query: z.array(protocolMessageSchema),
  // Ids are plain strings: fastapi_poe's client sends empty ones when a script calls a bot.
  user_id: z.string(),
  conversation_id: z.string(),
  /** Id of the bot message being created. */
  message_id: z.string(),
  /** Opaque; must be forwarded when this bot calls other bots. */
  metadata: z.string().default(""),
  /** Legacy name of `access_key`. */
  api_key: z.string().default(MISSING_ACCESS_KEY),
  access_key: z.string().default(MISSING_ACCESS_KEY),
  temperature: z.number().nullable().default(null),
  skip_system_prompt: z.boolean().default(false),
  logit_bias: z.record(z.string(), z.number()).default(() => ({})),
  stop_sequences: z.array(z.string()).default(() => []),
  /** BCP 47 language of the user's client. */
  language_code: z.string().default("en"),
  /** When a bot calls another, makes the called bot take the caller's name. */
  adopt_current_bot_name: z.boolean().nullable().default(null),
  /** Id of this bot invocation; needed to authorize and capture costs. */
  bot_query_id: z.string().default(""),
  users: z.array(userSchema).default(() => []),
  tools: z.array(toolDefinitionSchema).nullable().default(null),
  tool_calls: z.array(toolCallDefinitionSchema).nullable().default(null),
  tool_results: z.array(toolResultDefinitionSchema).nullable().default(null),
  /** Microseconds since the Unix epoch. */
  query_creation_time: z.number().int().nullable().default(null),
  extra_params: z.record(z.string(), z.unknown()).nullable().default(null),
});

/** A `query` request with every wire default applied. */
export type QueryRequest = z.output<typeof queryRequestSchema>;

/** A `query` request as it may appear on the wire (defaulted fields may be left out). */
export type QueryRequestInput = z.input<typeof queryRequestSchema>;
