/** Prompt helpers ported from fastapi_poe: attachment messages and role alternation. */
export { attachmentTemplates, type AttachmentTemplates } from "./attachment-templates.js";
export { insertAttachmentMessages } from "./insert-attachment-messages.js";
export { makePromptAuthorRoleAlternated } from "./make-prompt-author-role-alternated.js";
