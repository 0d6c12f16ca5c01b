import { useMemo, useState } from "react";
import { createBlockSplitter } from "./block-splitter.js";
import { MarkdownBlock } from "./markdown-block.js";
import "./markdown.css";

/**
 * A bot's reply as rich text. Contract: `text` is the whole reply so far; `streaming` is true
 * while it grows. Each update splits the text incrementally and re-renders only the last block;
 * bot output is treated as hostile (see safe-urls.ts and docs/decisions/0005).
 */
export function MarkdownMessage({
  text,
  streaming = false,
}: {
  text: string;
  streaming?: boolean;
}) {
  const [splitter] = useState(() => createBlockSplitter());
  const blocks = useMemo(() => splitter.split(text), [splitter, text]);
  return (
    <div className="md">
      {blocks.map((block, index) => (
        <MarkdownBlock
          // Blocks only ever grow at the end, so a block's index is its identity.
          key={index}
          block={block}
          streaming={streaming && index === blocks.length - 1}
        />
      ))}
    </div>
  );
}
