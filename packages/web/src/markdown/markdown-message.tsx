/**
 * A bot's reply as rich text. Placeholder: plain text until the streaming Markdown renderer
 * lands. Contract: `text` is the whole reply so far; `streaming` is true while it grows.
 */
export function MarkdownMessage({ text }: { text: string; streaming?: boolean }) {
  return <div className="whitespace-pre-wrap break-words">{text}</div>;
}
