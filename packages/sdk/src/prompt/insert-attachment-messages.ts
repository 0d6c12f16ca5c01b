import type { Attachment, ProtocolMessage, QueryRequest } from "@parlor/protocol";
import { attachmentTemplates, type AttachmentTemplates } from "./attachment-templates.js";

/**
 * Returns a copy of the request in which the parsed content of each attachment of the last
 * message becomes a user message placed just before it, so models that cannot read files still
 * see them. Text, PDF and web-page attachments come first, then images, each group in attachment
 * order; other kinds (video, audio…) and attachments without parsed content are left out.
 * This is what fastapi_poe does by default before calling a bot; the input is never changed.
 */
export function insertAttachmentMessages(
  request: QueryRequest,
  templates: AttachmentTemplates = attachmentTemplates,
): QueryRequest {
  const lastMessage = request.query.at(-1);
  if (lastMessage === undefined) return { ...request, query: [] };
  const documentMessages: ProtocolMessage[] = [];
  const imageMessages: ProtocolMessage[] = [];
  for (const attachment of lastMessage.attachments) {
    const content = attachment.parsed_content;
    if (!content) continue;
    const mediaType = mediaTypeOf(attachment);
    if (mediaType === "text/html") {
      documentMessages.push(userMessage(templates.url({ name: attachment.name, content })));
    } else if (mediaType.startsWith("text/") || mediaType === "application/pdf") {
      documentMessages.push(userMessage(templates.text({ name: attachment.name, content })));
    } else if (mediaType.startsWith("image/")) {
      imageMessages.push(userMessage(templates.image(splitImageContent(attachment, content))));
    }
  }
  return {
    ...request,
    query: [...request.query.slice(0, -1), ...documentMessages, ...imageMessages, lastMessage],
  };
}

// Parameters such as "; charset=utf-8" would otherwise hide an HTML page among plain text files.
function mediaTypeOf(attachment: Attachment): string {
  return (attachment.content_type.split(";")[0] ?? "").trim().toLowerCase();
}

// Poe sends image descriptions as "<file name>***<description>"; older or other senders may not.
function splitImageContent(attachment: Attachment, content: string) {
  const separator = content.indexOf("***");
  if (separator === -1) return { fileName: attachment.name, description: content };
  return { fileName: content.slice(0, separator), description: content.slice(separator + 3) };
}

// The inserted messages carry an empty sender, as fastapi_poe's do, since no participant wrote them.
function userMessage(content: string): ProtocolMessage {
  return {
    role: "user",
    message_type: null,
    sender_id: null,
    sender: { id: null, name: null },
    content,
    parameters: {},
    content_type: "text/markdown",
    timestamp: 0,
    message_id: "",
    feedback: [],
    attachments: [],
    metadata: null,
    referenced_message: null,
    reactions: [],
  };
}
