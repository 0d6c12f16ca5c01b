import { memo, useMemo } from "react";
import Markdown from "react-markdown";
import type { PluggableList } from "unified";
import type { MarkdownBlockSource } from "./block-splitter.js";
import { useLazyModule } from "./lazy-module.js";
import { markdownComponents } from "./markdown-components.js";
import { mathTypesetter } from "./lazy-parts.js";
import { exceedsMarkdownLimits } from "./markdown-limits.js";
import { markdownSyntax } from "./markdown-syntax.js";
import { repairStreamingTail } from "./repair-streaming-tail.js";
import { markdownUrlTransform } from "./safe-urls.js";

const noRehypePlugins: PluggableList = [];

/**
 * One block of a reply. Memoised on the block object, which the splitter keeps for settled
 * blocks, so an update re-parses only the growing last block (`streaming` is true for it alone:
 * its unterminated syntax is repaired first). Raw HTML is never parsed into elements:
 * react-markdown shows it as text, and there is no rehype-raw.
 */
export const MarkdownBlock = memo(function MarkdownBlock({
  block,
  streaming,
}: {
  block: MarkdownBlockSource;
  streaming: boolean;
}) {
  const math = useLazyModule(mathTypesetter, false);
  const plain = exceedsMarkdownLimits(block);
  const source = streaming && !plain ? repairStreamingTail(block.source) : block.source;
  const rehypePlugins = math && source.includes("$") ? math.mathRehypePlugins : noRehypePlugins;
  return useMemo(
    () =>
      plain ? (
        <p className="md-plain">{source}</p>
      ) : (
        <Markdown
          remarkPlugins={markdownSyntax}
          rehypePlugins={rehypePlugins}
          components={markdownComponents}
          urlTransform={markdownUrlTransform}
        >
          {source}
        </Markdown>
      ),
    [plain, source, rehypePlugins],
  );
});
