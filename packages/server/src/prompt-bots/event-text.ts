/** The text of a `text` or `replace_response` event's data; nothing when it has none. */
export function eventText(data: string): string {
  try {
    const text = (JSON.parse(data) as { text?: unknown }).text;
    return typeof text === "string" ? text : "";
  } catch {
    return "";
  }
}
