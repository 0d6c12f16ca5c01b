/**
 * The database tables, as Kysely sees them. Times are milliseconds since the epoch; JSON columns
 * are text; booleans are 0/1 integers, so one set of queries serves SQLite and PostgreSQL.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  bots: BotsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  bot_calls: BotCallsTable;
  bot_call_details: BotCallDetailsTable;
  bot_avatars: BotAvatarsTable;
  files: FilesTable;
  cost_requests: CostRequestsTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_login_attempts: OidcLoginAttemptsTable;
  settings: SettingsTable;
  invites: InvitesTable;
  user_avatars: UserAvatarsTable;
  model_providers: ModelProvidersTable;
  usage_daily: UsageDailyTable;
}

export interface UsersTable {
  id: string;
  email: string;
  /** Empty for an account made by single sign-on: it has no password, so none matches. */
  password_hash: string;
  role: "admin" | "user";
  created_at: number;
  /** When an admin disabled the account: it can no longer sign in or use its API keys. */
  disabled_at: number | null;
  /** Since when the account waits for an admin's approval (sign-up policy `approval`); else null. */
  pending_at: number | null;
  /** The name the person chose to be shown by; null: their email is shown. */
  display_name: string | null;
  /** Changes with every stored avatar (its URL carries it); null: none. */
  avatar_version: number | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token, so a database leak does not leak sessions. */
  id: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  /** The id its owner sees and ends it by; not secret, unlike `id`. */
  public_id: string;
  /** When a request last used it (to the minute); null before its first request. */
  last_seen_at: number | null;
  /** The User-Agent and client address of the login that opened it. */
  user_agent: string | null;
  client_address: string | null;
}

export interface ApiKeysTable {
  id: string;
  user_id: string;
  name: string;
  /** The first characters of the key, shown in lists so people can tell keys apart. */
  prefix: string;
  key_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface BotsTable {
  id: string;
  /** The unique name in `/bot/<handle>` and the OpenAI `model`. */
  handle: string;
  display_name: string;
  description: string;
  avatar_url: string | null;
  greeting: string | null;
  owner_id: string;
  /** `unlisted`: usable by anyone who knows the handle, listed only for its owner. */
  visibility: "public" | "unlisted" | "private";
  /** `model`: a vendor model (packages/providers); `prompt`: a creator's prompt over another bot. */
  kind: "server" | "in_process" | "model" | "prompt";
  server_url: string | null;
  /** The access key, AES-GCM encrypted: the platform must send it, so it cannot be hashed. */
  access_key_encrypted: string | null;
  /** For in-process bots: the name of the built-in bot. */
  builtin: string | null;
  /** The last settings the bot returned, as JSON. */
  settings_json: string | null;
  settings_fetched_at: number | null;
  /** How much history the bot receives: null for all, else the last N messages. */
  memory_last_n: number | null;
  /** When an admin hid the bot: only its owner and admins may see or use it. */
  hidden_at: number | null;
  /** Changes with every stored avatar (its URL carries it, so caches see the new one); null: none. */
  avatar_version: number | null;
  created_at: number;
  updated_at: number;
  /** For model bots: the `ModelProvider` id (`openai`, `anthropic`, `gemini`, a server's name). */
  model_provider: string | null;
  /** For model bots: the vendor's model id, e.g. `gpt-4o`. */
  model_id: string | null;
  /** For prompt bots: the bot it calls with the prompt prepended. */
  prompt_base_bot_id: string | null;
  /** For prompt bots: the system prompt, `{{variables}}` not yet filled in. */
  prompt_text: string | null;
  /** For prompt bots: the temperature asked of the base bot; null leaves the base's own. */
  prompt_temperature: number | null;
  /** For prompt bots: 1 when the platform suggests three follow-ups after each reply. */
  prompt_suggest_replies: number | null;
}

export interface BotAvatarsTable {
  bot_id: string;
  /** Detected from the bytes, never taken from the uploader. */
  content_type: string;
  bytes: Buffer;
  updated_at: number;
}

/** A person's avatar, as `bot_avatars` is a bot's. */
export interface UserAvatarsTable {
  user_id: string;
  /** Detected from the bytes, never taken from the uploader. */
  content_type: string;
  bytes: Buffer;
  updated_at: number;
}

export interface ConversationsTable {
  id: string;
  user_id: string;
  bot_id: string;
  title: string;
  /** The `conversation_id` bots see; a context reset replaces it. */
  context_id: string;
  created_at: number;
  updated_at: number;
}

export interface MessagesTable {
  /** Poe's `m-…` id; for bot messages it is also the generation id. */
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: "user" | "bot";
  /** The context window this message belongs to; earlier windows are not sent to bots. */
  context_id: string;
  content: string;
  content_type: string;
  status: "complete" | "streaming" | "incomplete" | "error";
  error_text: string | null;
  /** For a reply that ended in error: 1 when retrying makes sense, 0 when not; else null. */
  error_allow_retry: number | null;
  suggested_replies_json: string;
  files_json: string;
  attachments_json: string;
  /** What the bot stored with its `data` event; sent back only to the same bot. */
  metadata: string | null;
  parameters_json: string;
  feedback: string | null;
  reaction: string | null;
  /** The bot that wrote this reply when a mention chose it; null: the conversation's bot. */
  bot_id: string | null;
  created_at: number;
  updated_at: number;
  /** The tokens the reply's bot counted (model bots); null when it counts none. */
  input_tokens: number | null;
  output_tokens: number | null;
  /** What those tokens cost in US dollars; null when the model's price is not known. */
  cost_usd: number | null;
}

export interface BotCallsTable {
  id: string;
  bot_id: string;
  message_id: string | null;
  user_id: string | null;
  request_type: string;
  started_at: number;
  status: "ok" | "error";
  http_status: number | null;
  first_event_ms: number | null;
  duration_ms: number | null;
  event_count: number;
  error: string | null;
  /** Events the platform could not parse or refused. */
  malformed_count: number;
  /** 1 when the call missed a deadline (the answer, the first event, the whole reply). */
  timed_out: 0 | 1;
  /** On the last attempt of a reply only, like the reply's own usage. */
  /** The tokens the reply's bot counted (model bots); null when it counts none. */
  input_tokens: number | null;
  output_tokens: number | null;
  /** What those tokens cost in US dollars; null when the model's price is not known. */
  cost_usd: number | null;
}

/** What one call sent and received, for its owner to debug with; pruned with its call. */
export interface BotCallDetailsTable {
  call_id: string;
  /** The request body as sent, credentials redacted, cut at 64 KiB. */
  request_json: string;
  request_truncated: 0 | 1;
  /** `[{ms, event, data}]`: the events as received, at most 500 and 256 KiB of them. */
  events_json: string;
  events_truncated: 0 | 1;
}

export interface FilesTable {
  id: string;
  owner_id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: number;
}

export interface CostRequestsTable {
  id: string;
  bot_query_id: string;
  message_id: string;
  bot_id: string;
  kind: "authorize" | "capture";
  amounts_json: string;
  created_at: number;
}

/** Which account a person at an OpenID Connect provider is: linked once, by verified email. */
export interface OidcIdentitiesTable {
  issuer: string;
  /** The provider's `sub` claim: stable for a person at one issuer, unlike their email. */
  subject: string;
  user_id: string;
  /** The email the provider gave when the link was made. */
  email: string;
  created_at: number;
}

/** A single sign-on that has started in a browser and not come back yet; used once. */
export interface OidcLoginAttemptsTable {
  /** SHA-256 of the random token in the browser's HTTP-only cookie. */
  id: string;
  state: string;
  nonce: string;
  /** The PKCE code verifier; the provider saw only its hash. */
  code_verifier: string;
  /** The page of the platform to open after signing in. */
  return_to: string;
  expires_at: number;
}

/** Platform settings an admin changes at run time, one row each, the value as JSON. */
export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: number;
}

/** Sign-up invites: single use, expiring, optionally for one email. */
export interface InvitesTable {
  id: string;
  /** SHA-256 of the token in the invite link; the token itself is shown once. */
  token_hash: string;
  /** Only this (normalized) email may use the invite; null: anyone with the link. */
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/**
 * A model vendor or OpenAI-compatible server an admin added or edited. The three vendors have
 * the ids `openai`, `anthropic` and `gemini`; the environment's settings override a row's.
 */
export interface ModelProvidersTable {
  id: string;
  kind: "openai" | "anthropic" | "gemini" | "openai_compatible";
  /** Shown to people; a compatible server's name is also its provider id. */
  name: string;
  /** Null: the vendor's default (or the environment's). */
  base_url: string | null;
  /** AES-GCM sealed with the platform secret; never returned by the API. */
  api_key_encrypted: string | null;
  /** 0: switched off by an admin; its model bots are not listed. */
  enabled: number;
  created_at: number;
  updated_at: number;
}

/** One user's use of one bot on one UTC day, summed as the call log writes its calls. */
export interface UsageDailyTable {
  /** `YYYY-MM-DD`, UTC. */
  day: string;
  user_id: string;
  bot_id: string;
  /** Replies the user asked for directly (chat, `/bot/<name>` with an API key, `/v1`). */
  messages: number;
  /** Every reply, including a bot's calls of its dependencies on the user's behalf. */
  replies: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** Replies that counted tokens for a model without a known price (not in `cost_usd`). */
  unpriced_replies: number;
}
