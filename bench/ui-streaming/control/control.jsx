// The benchmark's control: the naive way to show a streamed reply. Every token re-renders the
// whole message through react-markdown with GFM, math and KaTeX, with nothing memoised. The
// tokens come from the same SSE stream as the real chat page (`?stream=<url>`).
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import ReactMarkdown from "react-markdown";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";

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
    <ReactMarkdown remarkPlugins={[remarkGfm, remarkMath]} rehypePlugins={[rehypeKatex]}>
      {text}
    </ReactMarkdown>
  );
}

createRoot(document.getElementById("root")).render(<Control />);
