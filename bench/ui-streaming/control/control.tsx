// The benchmark's control: the naive way to show a streamed reply. Every token re-renders the
// whole message with the chat's own Markdown pipeline (same syntax, components, URL rules and
// KaTeX), but as one document: no block splitting, no memoised blocks, no frame coalescing.
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import Markdown from "react-markdown";
import { markdownComponents } from "../../../packages/web/src/markdown/markdown-components.js";
import { markdownSyntax } from "../../../packages/web/src/markdown/markdown-syntax.js";
import { mathRehypePlugins } from "../../../packages/web/src/markdown/math-plugins.js";
import { markdownUrlTransform } from "../../../packages/web/src/markdown/safe-urls.js";
import "../../../packages/web/src/styles.css";
import "../../../packages/web/src/markdown/markdown.css";

declare global {
  interface Window {
    __startControl?: (tokens: string[], intervalMs: number) => void;
  }
}

function Control() {
  const [text, setText] = useState("");
  useEffect(() => {
    window.__startControl = (tokens, intervalMs) => {
      let index = 0;
      const timer = setInterval(() => {
        const token = tokens[index++];
        if (token === undefined) return clearInterval(timer);
        setText((current) => current + token);
      }, intervalMs);
    };
  }, []);
  return (
    <div className="md mx-auto max-w-3xl p-6">
      <Markdown
        remarkPlugins={markdownSyntax}
        rehypePlugins={mathRehypePlugins}
        components={markdownComponents}
        urlTransform={markdownUrlTransform}
      >
        {text}
      </Markdown>
    </div>
  );
}

createRoot(document.getElementById("root")!).render(<Control />);
