import type { BotRow } from "../store/bots-store.js";
import type { MessageRow } from "../store/messages-store.js";
import type { UserRow } from "../store/users-store.js";

/** A user row for store tests: an admin `u1` unless overridden. */
export function userRow(overrides: Partial<UserRow> = {}): UserRow {
  return {
    id: "u1",
    email: "a@example.com",
    password_hash: "x",
    role: "admin",
    created_at: 1,
    disabled_at: null,
    pending_at: null,
    display_name: null,
    avatar_version: null,
    ...overrides,
  };
}

/** A bot row for store tests: the built-in echo bot `b1` of `u1` unless overridden. */
export function botRow(overrides: Partial<BotRow> = {}): BotRow {
  return {
    id: "b1",
    handle: "echo",
    display_name: "Echo",
    description: "",
    avatar_url: null,
    greeting: null,
    owner_id: "u1",
    visibility: "public",
    kind: "in_process",
    server_url: null,
    access_key_encrypted: null,
    builtin: "echo",
    settings_json: null,
    settings_fetched_at: null,
    memory_last_n: null,
    hidden_at: null,
    avatar_version: null,
    created_at: 1,
    updated_at: 1,
    model_provider: null,
    model_id: null,
    prompt_base_bot_id: null,
    prompt_text: null,
    prompt_temperature: null,
    prompt_suggest_replies: null,
    ...overrides,
  };
}

/** A message row for store tests: a finished user message `id` in conversation `c1`. */
export function messageRow(id: string, overrides: Partial<MessageRow> = {}): MessageRow {
  return {
    id,
    conversation_id: "c1",
    parent_id: null,
    role: "user",
    context_id: "c-x",
    content: id,
    content_type: "text/markdown",
    status: "complete",
    error_text: null,
    error_allow_retry: null,
    suggested_replies_json: "[]",
    files_json: "[]",
    attachments_json: "[]",
    metadata: null,
    parameters_json: "{}",
    feedback: null,
    reaction: null,
    bot_id: null,
    created_at: 10,
    updated_at: 10,
    input_tokens: null,
    output_tokens: null,
    cost_usd: null,
    ...overrides,
  };
}
