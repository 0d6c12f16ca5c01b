const entities: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&#x27;": "'",
  "&#39;": "'",
};

/**
 * Text as escaped by highlight.js and KaTeX (only `& < > " '`), unescaped; undefined for any
 * other entity, which means the markup is not theirs.
 */
export function decodeEscapedHtml(text: string): string | undefined {
  let unknown = false;
  const decoded = text.replace(/&[^;]*;?/g, (entity) => {
    const value = entities[entity];
    if (value === undefined) unknown = true;
    return value ?? "";
  });
  return unknown ? undefined : decoded;
}
