import { z } from "zod";
import { openEnum } from "./open-enum.js";

/** Roles a message can have; `"assistant"` is deliberately absent (Poe says `"bot"`). */
export const MESSAGE_ROLES = ["system", "user", "bot", "tool"] as const;

/** Who wrote a message; unknown roles are kept so the receiver can ignore them. */
export type Role = (typeof MESSAGE_ROLES)[number] | (string & {});

/** Message content types; the spec asks receivers to ignore messages with any other. */
export const MESSAGE_CONTENT_TYPES = ["text/markdown", "text/plain"] as const;

/** Legacy like/dislike feedback kinds. */
export const FEEDBACK_TYPES = ["like", "dislike"] as const;

/** Who sent a message: a bot's name, or a user (names are neither unique nor stable). */
export const senderSchema = z.object({
  id: z.string().nullable().default(null),
  name: z.string().nullable().default(null),
});

/** A participant of a (possibly multi-user) chat. */
export const userSchema = z.object({
  id: z.string(),
  name: z.string().nullable().default(null),
});

/** One user's reaction to a message, e.g. `"like"` or `"heart"`. */
export const messageReactionSchema = z.object({
  user_id: z.string(),
  reaction: z.string(),
});

/** Legacy like/dislike feedback attached to a message. */
export const messageFeedbackSchema = z.object({
  type: openEnum(FEEDBACK_TYPES),
  reason: z.string().nullable().default(null),
});

/** A file the user attached; `url` is only valid for about ten minutes after the request. */
export const attachmentSchema = z.object({
  url: z.string(),
  content_type: z.string(),
  name: z.string(),
  inline_ref: z.string().nullable().default(null),
  /** Text Poe extracted from the file, or `"<name>***<description>"` for images. */
  parsed_content: z.string().nullable().default(null),
});

/** One message of the chat history sent in a `query` request (reference §1.4). */
export const protocolMessageSchema = z.object({
  role: openEnum(MESSAGE_ROLES),
  /** `"function_call"` marks a bot message whose content is a JSON list of tool calls. */
  message_type: openEnum(["function_call"]).nullable().default(null),
  /** Deprecated in favour of `sender`. */
  sender_id: z.string().nullable().default(null),
  sender: senderSchema.nullable().default(null),
  content: z.string(),
  /** Values of the bot's parameter controls; untrusted, since bot callers may send anything. */
  parameters: z.record(z.string(), z.unknown()).default(() => ({})),
  content_type: openEnum(MESSAGE_CONTENT_TYPES).default("text/markdown"),
  /** Microseconds since the Unix epoch. */
  timestamp: z.number().int().default(0),
  message_id: z.string().default(""),
  feedback: z.array(messageFeedbackSchema).default(() => []),
  attachments: z.array(attachmentSchema).default(() => []),
  /** What this bot stored with an earlier reply through the `data` event. */
  metadata: z.string().nullable().default(null),
  /** The message this one replies to or quotes. */
  // The annotation breaks the type's circular reference to itself.
  get referenced_message(): z.ZodDefault<z.ZodNullable<typeof protocolMessageSchema>> {
    return protocolMessageSchema.nullable().default(null);
  },
  reactions: z.array(messageReactionSchema).default(() => []),
});

/** Sender of a message, as parsed (absent fields are `null`). */
export type Sender = z.output<typeof senderSchema>;
/** A chat participant, as parsed. */
export type User = z.output<typeof userSchema>;
/** A reaction to a message. */
export type MessageReaction = z.output<typeof messageReactionSchema>;
/** Legacy feedback on a message, as parsed. */
export type MessageFeedback = z.output<typeof messageFeedbackSchema>;
/** A user attachment, as parsed (absent optional fields are `null`). */
export type Attachment = z.output<typeof attachmentSchema>;
/** A chat message with every wire default applied. */
export type ProtocolMessage = z.output<typeof protocolMessageSchema>;
/** A chat message as it may appear on the wire (defaulted fields may be left out). */
export type ProtocolMessageInput = z.input<typeof protocolMessageSchema>;
