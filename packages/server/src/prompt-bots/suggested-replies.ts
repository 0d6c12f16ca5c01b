import { protocolMessageSchema, type QueryRequest } from "@parlor/protocol";
import type { BotRunner, ReplyUsage } from "../relay/bot-runner.js";
import { eventText } from "./event-text.js";

/** How many follow-ups a prompt bot offers, and how long the platform waits for them. */
export const SUGGESTED_REPLY_COUNT = 3;
const SUGGESTION_TIMEOUT_MS = 20_000;
const MAX_SUGGESTION_CHARACTERS = 200;

const INSTRUCTION =
  `Suggest ${SUGGESTED_REPLY_COUNT} short replies the user might send next in this ` +
  "conversation, in the user's language. Answer with the replies only, one per line, " +
  "without numbers, bullets or quotes.";

/** A model's answer read as suggestions: one per line, list marks and quotes taken off. */
export function parseSuggestions(text: string): string[] {
  return text
    .split("\n")
    .map((line) =>
      line
        .trim()
        .replace(/^(?:[-*•]|\d+[.)])\s*/, "")
        .replace(/^["“”']+|["“”']+$/g, "")
        .trim(),
    )
    .filter((line) => line !== "" && line.length <= MAX_SUGGESTION_CHARACTERS)
    .slice(0, SUGGESTED_REPLY_COUNT);
}

/**
 * Asks the base bot for follow-ups to the reply it just wrote. Best effort: a failure, an
 * error event or a slow answer gives none, and the reply itself is already complete.
 */
export async function suggestReplies(input: {
  runner: BotRunner;
  request: QueryRequest;
  reply: string;
  signal: AbortSignal;
}): Promise<{ suggestions: string[]; usage: ReplyUsage | null }> {
  const signal = AbortSignal.any([input.signal, AbortSignal.timeout(SUGGESTION_TIMEOUT_MS)]);
  const request: QueryRequest = {
    ...input.request,
    query: [
      ...input.request.query,
      protocolMessageSchema.parse({ role: "bot", content: input.reply }),
      protocolMessageSchema.parse({ role: "user", content: INSTRUCTION }),
    ],
    tools: null,
    tool_calls: null,
    tool_results: null,
  };
  const stream = await input.runner.query(request, signal);
  const text = await new Promise<string>((resolve) => {
    let answer = "";
    let failed = false;
    let finished = false;
    // A holder: the answer may end inside `read`, before its return value is assigned.
    const reading: { stop?: () => void } = {};
    const finish = (text: string) => {
      if (finished) return;
      finished = true;
      reading.stop?.();
      resolve(text);
    };
    reading.stop = stream.read({
      message(message) {
        if (message.event === "error") failed = true;
        if (message.event === "done") finish(failed ? "" : answer);
        if (message.event !== "text" && message.event !== "replace_response") return;
        const piece = eventText(message.data);
        answer = message.event === "text" ? answer + piece : piece;
      },
      end: () => finish(failed ? "" : answer),
      fail: () => finish(""),
    });
    if (finished) reading.stop();
    signal.addEventListener("abort", () => finish(""), { once: true });
  });
  return { suggestions: parseSuggestions(text), usage: stream.usage?.() ?? null };
}
