import { useMemo, useState } from "react";
import { createBlockSplitter } from "./block-splitter.js";
import { MarkdownBlock } from "./markdown-block.js";

/**
 * A reply rendered block by block: each update splits the text incrementally and re-renders only
 * the last block (the one still growing).
 */
export function MarkdownBlocks({ text, streaming }: { text: string; streaming: boolean }) {
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
