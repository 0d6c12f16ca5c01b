/** The platform's objects as its API shows them (docs/api.md). Wire fields stay snake_case. */

export interface User {
  id: string;
  email: string;
  role: "admin" | "user";
  /** Null until they choose one: show the email then. */
  display_name?: string | null;
  avatar_url?: string | null;
  /** False for accounts that sign in another way (single sign-on). */
  has_password?: boolean;
}

export type Visibility = "public" | "unlisted" | "private";

/** A parameter control as the protocol describes it; rendered by the composer. */
export type ParameterControls = Record<string, unknown>;

export interface BotSettings {
  allow_attachments?: boolean;
  introduction_message?: string;
  parameter_controls?: ParameterControls | null;
  server_bot_dependencies?: Record<string, number>;
  [field: string]: unknown;
}

export interface Bot {
  id: string;
  handle: string;
  display_name: string;
  description: string;
  avatar_url: string | null;
  greeting: string | null;
  owner_id: string;
  visibility: Visibility;
  kind: "server" | "in_process" | "model" | "prompt";
  server_url: string | null;
  /** Model bots: the vendor and its model id. */
  model?: { provider: string; vendor: string; model_id: string } | null;
  /** Prompt bots: the bot it runs on; its prompt when this user may edit it. */
  prompt?: PromptOfBot | null;
  memory_last_n: number | null;
  hidden?: boolean;
  settings: BotSettings;
  settings_fetched_at: number | null;
  created_at: number;
}

/** What a prompt bot runs on, and for its editors the prompt itself. */
export interface PromptOfBot {
  base_bot: Pick<Bot, "handle" | "display_name" | "model"> | null;
  suggest_replies: boolean;
  text?: string;
  temperature?: number | null;
}

export interface Conversation {
  id: string;
  user_id: string;
  bot_id: string;
  title: string;
  context_id: string;
  created_at: number;
  updated_at: number;
  bot?: Pick<Bot, "handle" | "display_name" | "avatar_url">;
}

export type MessageStatus = "complete" | "streaming" | "incomplete" | "error";

export interface BotFile {
  url: string;
  content_type: string;
  name: string;
  inline_ref?: string | null;
}

export interface Attachment {
  file_id: string;
  name: string;
  content_type: string;
}

export interface Message {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: "user" | "bot";
  content: string;
  content_type: string;
  status: MessageStatus;
  error: string | null;
  allow_retry?: boolean | null;
  suggested_replies: string[];
  files: BotFile[];
  attachments: Attachment[];
  feedback: "like" | "dislike" | null;
  reaction: string | null;
  /** The bot a leading `@Handle` chose to write this reply; null: the conversation's bot. */
  bot?: ReplyBot | null;
  context_id: string;
  created_at: number;
  /** A reply's counted tokens and their cost (null: unknown price); null when not counted. */
  usage?: ReplyUsage | null;
}

/** The tokens a reply's bot counted, and what they cost in US dollars. */
export interface ReplyUsage {
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
}

/** Enough of a mentioned bot to show its reply (`handle` is empty for one deleted since). */
export type ReplyBot = Pick<Bot, "handle" | "display_name" | "avatar_url">;
