import type { SseMessage } from "@parlor/protocol";
import { z } from "zod";

/**
 * The simplest webhook a person can write in any language: answer a query with one JSON
 * document instead of a stream, e.g. `{"text": "Hello!", "suggested_replies": ["More"]}`.
 * Optional: `content_type` ("text/markdown" or "text/plain") and `error` (a message shown to
 * the user instead of text).
 */
export const jsonReplySchema = z
  .object({
    text: z.string().optional(),
    suggested_replies: z.array(z.string()).optional(),
    content_type: z.string().optional(),
    error: z.string().optional(),
  })
  .refine((reply) => reply.text !== undefined || reply.error !== undefined, {
    message: 'needs "text" (or "error")',
  });

const message = (event: string, data: unknown): SseMessage => ({
  event,
  data: JSON.stringify(data),
});

/** Turns a JSON reply into the events a stream would have carried, so one path reads both. */
export function jsonReplyMessages(body: string): SseMessage[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return [
      message("error", { allow_retry: false, text: "The bot's JSON reply is not valid JSON" }),
    ];
  }
  const parsed = jsonReplySchema.safeParse(value);
  if (!parsed.success) {
    const problem = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "reply"}: ${issue.message}`)
      .join("; ");
    return [
      message("error", {
        allow_retry: false,
        text: `The bot's JSON reply is invalid (${problem})`,
      }),
    ];
  }
  const reply = parsed.data;
  const messages: SseMessage[] = [];
  if (reply.content_type) messages.push(message("meta", { content_type: reply.content_type }));
  if (reply.text !== undefined) messages.push(message("text", { text: reply.text }));
  for (const suggestion of reply.suggested_replies ?? [])
    messages.push(message("suggested_reply", { text: suggestion }));
  if (reply.error !== undefined)
    messages.push(message("error", { allow_retry: false, text: reply.error }));
  else messages.push(message("done", {}));
  return messages;
}
