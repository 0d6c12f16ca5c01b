import { useMemo, type ReactNode } from "react";
import { CopyButton } from "../ui/copy-button.js";
import type { HighlightNode } from "./highlight-tree.js";
import { useLazyModule } from "./lazy-module.js";
import { highlighter } from "./lazy-parts.js";
import { markdownLimits } from "./markdown-limits.js";

/**
 * A fenced code block with its language and a copy button. It is plain monospace text until
 * highlight.js has loaded (asked for by the first code block with a language), then highlighted;
 * code over the highlighting cap stays plain.
 */
export function CodeBlock({ code, language }: { code: string; language: string | undefined }) {
  const wanted = language !== undefined && code.length <= markdownLimits.maxHighlightLength;
  const loaded = useLazyModule(highlighter, wanted);
  const highlighted = useMemo(
    () => (wanted && loaded ? loaded.highlightCode(code, language) : undefined),
    [wanted, loaded, code, language],
  );
  return (
    <div className="md-code">
      <div className="md-code-header">
        <span>{language ?? "text"}</span>
        <CopyButton text={code} label="Copy code" className="md-code-copy" />
      </div>
      <pre>
        <code className="hljs">{highlighted ? renderHighlight(highlighted) : code}</code>
      </pre>
    </div>
  );
}

function renderHighlight(nodes: HighlightNode[]): ReactNode[] {
  return nodes.map((node, index) =>
    typeof node === "string" ? (
      node
    ) : (
      <span key={index} className={node.className}>
        {renderHighlight(node.children)}
      </span>
    ),
  );
}
