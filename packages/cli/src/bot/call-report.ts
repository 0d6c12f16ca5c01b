import {
  BotStreamReader,
  applyBotEvent,
  createReplyState,
  explainTrace,
  type TracedEvent,
} from "@parlor/protocol";

/** How long quoted text may be on one terminal line. */
const QUOTE_LENGTH = 60;

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(
    oneLine.length > QUOTE_LENGTH ? `${oneLine.slice(0, QUOTE_LENGTH)}…` : oneLine,
  );
}

/** `1 file`, `2 files`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** One line for a request the platform sent the bot: its type and, for a query, what was asked. */
export function describeRequest(body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "a request whose body is not JSON";
  }
  const type = field(parsed, "type");
  if (type !== "query") return typeof type === "string" ? type : "a request without a type";
  const query = field(parsed, "query");
  const messages = Array.isArray(query) ? (query as unknown[]) : [];
  const last = messages.at(-1);
  const content = field(last, "content");
  const history = messages.length > 1 ? `, ${messages.length} messages in all` : "";
  return `query: ${quote(typeof content === "string" ? content : "")} (${String(field(last, "role"))}${history})`;
}

/** One line for an event as it arrives: time since the request, name, and what it carries. */
export function describeEvent(event: TracedEvent): string {
  let shown = event.data;
  try {
    const data: unknown = JSON.parse(event.data);
    const text = field(data, "text");
    if (typeof text === "string") shown = quote(text);
    else if (event.event === "done" && JSON.stringify(data) === "{}") shown = "";
  } catch {
    // Malformed data is shown as it came; explainTrace says what is wrong with it.
  }
  if (shown.length > QUOTE_LENGTH + 20) shown = `${shown.slice(0, QUOTE_LENGTH + 20)}…`;
  return `${`+${event.ms} ms`.padStart(9)}  ${event.event}${shown ? `  ${shown}` : ""}`;
}

/** What the user ends up with, read with the platform's rules, and the protocol mistakes. */
export function describeOutcome(events: readonly TracedEvent[], durationMs: number): string[] {
  const reader = new BotStreamReader();
  const reply = createReplyState();
  let ended: "done" | "failed" | null = null;
  for (const { event, data } of events) {
    if (ended) break;
    const step = reader.read({ event, data });
    if (step.type === "event") applyBotEvent(reply, step.event);
    if (step.type === "done") ended = "done";
    if (step.type === "failed") {
      ended = "failed";
      if (step.failure.botError) reply.error = step.failure.botError;
    }
  }
  const parts = [`${count(reply.text.length, "character")} of text`];
  const suggestions = reply.suggestedReplies.length;
  if (suggestions > 0)
    parts.push(suggestions === 1 ? "1 suggested reply" : `${suggestions} suggested replies`);
  if (reply.files.length > 0) parts.push(count(reply.files.length, "file"));
  const how = reply.error
    ? `error ${quote(reply.error.text ?? "")}`
    : ended === "done"
      ? "done"
      : "ended without done";
  const lines = [`  ${how} after ${durationMs} ms: ${parts.join(", ")}`];
  for (const remark of explainTrace(events)) {
    const where = remark.event === null ? "" : ` (event ${remark.event + 1})`;
    lines.push(`  ${remark.level === "error" ? "✗" : "!"} ${remark.text}${where}`);
  }
  return lines;
}
