import { MISSING_ACCESS_KEY, type QueryRequest } from "./query-request.js";
import type { ProtocolMessage } from "./protocol-message.js";

/*
 * The hot path of every bot is parsing a `query`. Almost every query is plain: text messages
 * without attachments, tools or nested references. For those, this hand-written reader builds
 * exactly what the zod schema would (same fields, defaults and key order; a test checks the two
 * agree) at a fraction of the cost. Anything else returns undefined and goes through zod.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => value === undefined || typeof value === "string";
const nullableString = (value: unknown) =>
  value === undefined || value === null || typeof value === "string";
const emptyOrMissing = (value: unknown) =>
  value === undefined || (Array.isArray(value) && value.length === 0);

function plainSender(
  value: unknown,
): { id: string | null; name: string | null } | null | undefined {
  if (value === undefined || value === null) return null;
  if (!isObject(value) || !nullableString(value.id) || !nullableString(value.name))
    return undefined;
  return {
    id: value.id ?? null,
    name: value.name ?? null,
  };
}

function plainMessage(value: unknown): ProtocolMessage | undefined {
  if (!isObject(value)) return undefined;
  const { role, content, parameters, timestamp } = value;
  if (typeof role !== "string" || typeof content !== "string") return undefined;
  if (!nullableString(value.message_type) || !nullableString(value.sender_id)) return undefined;
  if (!optionalString(value.content_type) || !optionalString(value.message_id)) return undefined;
  if (!nullableString(value.metadata)) return undefined;
  if (parameters !== undefined && !isObject(parameters)) return undefined;
  if (timestamp !== undefined && !Number.isSafeInteger(timestamp)) return undefined;
  if (
    !emptyOrMissing(value.feedback) ||
    !emptyOrMissing(value.attachments) ||
    !emptyOrMissing(value.reactions)
  ) {
    return undefined;
  }
  if (value.referenced_message !== undefined && value.referenced_message !== null) return undefined;
  const sender = plainSender(value.sender);
  if (sender === undefined) return undefined;
  return {
    role,
    message_type: value.message_type ?? null,
    sender_id: value.sender_id ?? null,
    sender,
    content,
    parameters: parameters === undefined ? {} : { ...parameters },
    content_type: value.content_type ?? "text/markdown",
    timestamp: (timestamp as number | undefined) ?? 0,
    message_id: value.message_id ?? "",
    feedback: [],
    attachments: [],
    metadata: value.metadata ?? null,
    referenced_message: null,
    reactions: [],
  };
}

/** Reads a plain `query` request without zod, or returns undefined when it is not plain. */
export function parsePlainQuery(body: Json): QueryRequest | undefined {
  const { version, query, user_id, conversation_id, message_id } = body;
  if (typeof version !== "string" || body.type !== "query" || !Array.isArray(query))
    return undefined;
  if (
    typeof user_id !== "string" ||
    typeof conversation_id !== "string" ||
    typeof message_id !== "string"
  ) {
    return undefined;
  }
  for (const field of ["metadata", "api_key", "access_key", "language_code", "bot_query_id"]) {
    if (!optionalString(body[field])) return undefined;
  }
  const { temperature, skip_system_prompt, adopt_current_bot_name, query_creation_time } = body;
  if (temperature !== undefined && temperature !== null && typeof temperature !== "number")
    return undefined;
  if (skip_system_prompt !== undefined && typeof skip_system_prompt !== "boolean") return undefined;
  if (adopt_current_bot_name != null && typeof adopt_current_bot_name !== "boolean")
    return undefined;
  if (query_creation_time != null && !Number.isSafeInteger(query_creation_time)) return undefined;
  if (
    body.logit_bias !== undefined &&
    !(isObject(body.logit_bias) && Object.keys(body.logit_bias).length === 0)
  ) {
    return undefined;
  }
  const stops = body.stop_sequences;
  if (
    stops !== undefined &&
    !(Array.isArray(stops) && stops.every((stop) => typeof stop === "string"))
  ) {
    return undefined;
  }
  if (!emptyOrMissing(body.users)) return undefined;
  for (const field of ["tools", "tool_calls", "tool_results", "extra_params"]) {
    if (body[field] !== undefined && body[field] !== null) return undefined;
  }
  const messages: ProtocolMessage[] = [];
  for (const item of query) {
    const message = plainMessage(item);
    if (!message) return undefined;
    messages.push(message);
  }
  return {
    version,
    type: "query",
    query: messages,
    user_id,
    conversation_id,
    message_id,
    metadata: (body.metadata as string | undefined) ?? "",
    api_key: (body.api_key as string | undefined) ?? MISSING_ACCESS_KEY,
    access_key: (body.access_key as string | undefined) ?? MISSING_ACCESS_KEY,
    temperature: temperature ?? null,
    skip_system_prompt: skip_system_prompt ?? false,
    logit_bias: {},
    stop_sequences: stops === undefined ? [] : [...stops],
    language_code: (body.language_code as string | undefined) ?? "en",
    adopt_current_bot_name: adopt_current_bot_name ?? null,
    bot_query_id: (body.bot_query_id as string | undefined) ?? "",
    users: [],
    tools: null,
    tool_calls: null,
    tool_results: null,
    query_creation_time: (query_creation_time as number | null | undefined) ?? null,
    extra_params: null,
  };
}
