import { useLazyModule } from "./lazy-module.js";
import { markdownRenderer } from "./lazy-parts.js";
import "./markdown.css";

// The renderer is a separate chunk so the first bundle stays small; fetching it as the app
// starts means it is there before the first conversation's messages arrive from the API.
if (typeof window !== "undefined") markdownRenderer.load().catch(() => undefined);

/**
 * A bot's reply as rich text. Contract: `text` is the whole reply so far; `streaming` is true
 * while it grows. Until the renderer chunk has loaded (or if it cannot), the reply shows as
 * plain text. Bot output is treated as hostile: see safe-urls.ts and docs/decisions/0005.
 */
export function MarkdownMessage({
  text,
  streaming = false,
}: {
  text: string;
  streaming?: boolean;
}) {
  const renderer = useLazyModule(markdownRenderer, true);
  if (!renderer) {
    return (
      <div className="md">
        <p className="md-plain">{text}</p>
      </div>
    );
  }
  return <renderer.MarkdownBlocks text={text} streaming={streaming} />;
}
