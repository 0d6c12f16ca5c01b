import type { ComponentProps } from "react";
import type { Components, ExtraProps } from "react-markdown";
import { CodeBlock } from "./code-block.js";
import { GuardedImage } from "./guarded-image.js";
import { MathSource } from "./math-source.js";
import { SafeLink } from "./safe-link.js";

type HastNode = NonNullable<ExtraProps["node"]>;
type HastChild = HastNode["children"][number];

/**
 * How react-markdown renders the elements that need more than their tag: links and images go
 * through the URL rules, code blocks get highlighting and a copy button, math waits for KaTeX as
 * source, and tables scroll sideways on narrow screens.
 */
export const markdownComponents: Components = {
  a: ({ href, title, children }) => (
    <SafeLink href={href} title={title}>
      {children}
    </SafeLink>
  ),
  img: ({ src, alt, title }) => (
    <GuardedImage src={typeof src === "string" ? src : undefined} alt={alt} title={title} />
  ),
  pre: PreBlock,
  code: InlineCode,
  table: ({ children }) => (
    <div className="md-table-scroll">
      <table>{children}</table>
    </div>
  ),
};

function PreBlock({ node, children }: ComponentProps<"pre"> & ExtraProps) {
  const code = node?.children.find((child) => child.type === "element" && child.tagName === "code");
  if (code?.type !== "element") return <pre>{children}</pre>;
  const classes = classNames(code);
  const text = textOf(code).replace(/\n$/, "");
  if (classes.includes("math-display")) return <MathSource tex={text} display />;
  const language = classes.find((name) => name.startsWith("language-"))?.slice("language-".length);
  return <CodeBlock code={text} language={language} />;
}

function InlineCode({ node, children }: ComponentProps<"code"> & ExtraProps) {
  if (node && classNames(node).includes("math-inline")) {
    return <MathSource tex={textOf(node)} display={false} />;
  }
  return <code className="md-inline-code">{children}</code>;
}

function classNames(node: HastNode): string[] {
  const value = node.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function textOf(node: HastChild | HastNode): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}
