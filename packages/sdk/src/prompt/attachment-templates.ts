/**
 * The prompt texts that carry an attachment's parsed content to the model. Each mirrors one of
 * fastapi_poe's templates in intent and layout; the wording is Parlor's own.
 */
export interface AttachmentTemplates {
  /** A web page the user linked to (`text/html`): its address and its extracted text. */
  url(attachment: { name: string; content: string }): string;
  /** A text file or PDF: its name and its extracted text. */
  text(attachment: { name: string; content: string }): string;
  /** An image: its file name and the description Poe's image comprehension produced. */
  image(attachment: { fileName: string; description: string }): string;
}

/** The default templates used by `insertAttachmentMessages`. */
export const attachmentTemplates: AttachmentTemplates = {
  url: ({ name, content }) =>
    `Treat the link ${name} as a page you have opened yourself. ` +
    "Answer in the language the user asks in about this page.\n" +
    `Here is what the page says:\n\n${content}`,

  text: ({ name, content }) =>
    "Answer in the language the user asks in about this file.\n" +
    `Here is what ${name} contains:\n\n${content}`,

  image: ({ fileName, description }) =>
    `I am sharing an image (${fileName}). Act as though you can see it. ` +
    "An analysis of the image comes first:\n\n" +
    `<image_analysis>${description}</image_analysis>\n\n` +
    "Draw on whatever parts of it help you answer. " +
    "Never mention the image analysis itself in your answer. " +
    "Reply in the language of my next message.",
};
