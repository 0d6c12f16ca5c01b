import { createHmac } from "node:crypto";
import {
  identifierFromBytes,
  MAX_CONTEXT_MESSAGES,
  PROTOCOL_VERSION,
  protocolMessageSchema,
  queryRequestSchema,
  type Attachment,
  type ProtocolMessageInput,
  type QueryRequest,
  type ResolvedSettings,
} from "@parlor/protocol";
import { makePromptAuthorRoleAlternated } from "@parlor/sdk";
import type { MessageRow } from "../store/messages-store.js";
import { otherBotReply, type ReplyAuthor } from "./other-bot-reply.js";

/** Turns a stored attachment into what the bot receives (a short-lived URL, parsed text). */
export type AttachmentResolver = (
  stored: StoredAttachment,
  settings: ResolvedSettings,
) => Attachment;

/** An attachment as stored with a user message. */
export interface StoredAttachment {
  file_id: string;
  name: string;
  content_type: string;
  /** Extracted text, for text files. */
  text?: string;
}

// Every query carries one, and an HMAC costs more than the rest of building a Poe API request.
// By secret (tests run platforms with several), then by user and bot.
const anonymousIds = new Map<string, Map<string, string>>();

/** Poe-style anonymous user id: stable for one user and one bot, meaningless elsewhere. */
export function anonymousUserId(secret: string, userId: string, botId: string): string {
  let known = anonymousIds.get(secret);
  if (!known) anonymousIds.set(secret, (known = new Map<string, string>()));
  const key = `${userId}:${botId}`;
  let id = known.get(key);
  if (id === undefined) {
    id = identifierFromBytes("u", createHmac("sha256", secret).update(key).digest());
    if (known.size >= 10_000) known.clear();
    known.set(key, id);
  }
  return id;
}

/**
 * The history a bot sees for a reply: the chain of parents from `parentId` up, inside the
 * current context window, without failed replies, cut to the bot's memory setting.
 */
export function historyFor(
  messages: MessageRow[],
  parentId: string,
  contextId: string,
  memoryLastN: number | null,
) {
  const byId = new Map(messages.map((message) => [message.id, message]));
  const chain: MessageRow[] = [];
  for (
    let current = byId.get(parentId);
    current;
    current = current.parent_id ? byId.get(current.parent_id) : undefined
  ) {
    if (current.context_id !== contextId) break;
    if (current.role === "bot" && current.status === "error" && current.content === "") continue;
    chain.push(current);
  }
  chain.reverse();
  const keep = Math.min(memoryLastN ?? MAX_CONTEXT_MESSAGES, MAX_CONTEXT_MESSAGES);
  return chain.slice(-keep);
}

/** Everything needed to build one query. */
export interface QueryInput {
  history: MessageRow[];
  settings: ResolvedSettings;
  userId: string;
  conversationId: string;
  botMessageId: string;
  botQueryId: string;
  resolveAttachment: AttachmentResolver;
  /** Renews the platform's file URLs in earlier replies, so the bot can still fetch them. */
  renewFileUrls: (text: string) => string;
  /** The bot being asked: a mentioned one, or the conversation's. */
  recipient: ReplyAuthor;
  /** Who wrote an earlier reply (the conversation's bot, or the one a mention chose). */
  authorOf: (reply: MessageRow) => ReplyAuthor;
}

/** Builds the protocol 1.2 `query` request for a reply, as Poe would send it. */
export function buildQueryRequest(input: QueryInput): QueryRequest {
  let query: ProtocolMessageInput[] = input.history.map((message) => {
    if (message.role !== "bot") return protocolMessage(input, message, null);
    const author = input.authorOf(message);
    const shown = protocolMessage(input, message, author);
    if (author.id === input.recipient.id) return shown;
    return otherBotReply(shown, author, input.settings.enable_multi_entity_prompting);
  });
  if (input.settings.enforce_author_role_alternation) {
    query = makePromptAuthorRoleAlternated(
      query.map((message) => protocolMessageSchema.parse(message)),
    );
  }
  return queryRequestSchema.parse({
    version: PROTOCOL_VERSION,
    type: "query",
    query,
    user_id: input.userId,
    conversation_id: input.conversationId,
    message_id: input.botMessageId,
    bot_query_id: input.botQueryId,
  });
}

/** A stored message as Poe sends it; `author` is the bot that wrote a reply. */
function protocolMessage(
  input: QueryInput,
  message: MessageRow,
  author: ReplyAuthor | null,
): ProtocolMessageInput {
  return {
    role: message.role,
    content: input.renewFileUrls(message.content),
    content_type: message.content_type,
    timestamp: message.created_at * 1000,
    message_id: message.id,
    parameters:
      message.role === "user"
        ? (JSON.parse(message.parameters_json) as Record<string, unknown>)
        : {},
    attachments: (JSON.parse(message.attachments_json) as StoredAttachment[]).map((stored) =>
      input.resolveAttachment(stored, input.settings),
    ),
    // Replies name their bot, as Poe's do; a bot's stored data goes back to that bot only.
    sender: author && { id: null, name: author.handle },
    metadata: author?.id === input.recipient.id ? message.metadata : null,
    feedback: message.feedback ? [{ type: message.feedback }] : [],
  };
}
