import type { SseMessage } from "@parlor/protocol";

/** A run of backslashes and the `u` escape of a UTF-16 surrogate after it. */
const SURROGATE_ESCAPE = /(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})/g;

const isHigh = (hex: string) => /^[dD][89abAB]/.test(hex);

/**
 * The JSON text with every escaped lone surrogate (`\ud83d` not followed by its pair) written
 * as U+FFFD. The text a bot streams is kept as it came, but a lone surrogate cannot be: the
 * stores hold UTF-8, where it becomes U+FFFD, so it is replaced before the reply shows it live
 * and a reload shows the same text. Raw lone surrogates never get here (bytes are decoded as
 * UTF-8, which has none); an even run of backslashes is a literal backslash, not an escape.
 */
export function replaceLoneSurrogateEscapes(json: string): string {
  if (!json.includes("\\u")) return json;
  const matches = [...json.matchAll(SURROGATE_ESCAPE)].filter(
    (match) => match[1]!.length % 2 === 1,
  );
  if (matches.length === 0) return json;
  let result = "";
  let copied = 0;
  for (let index = 0; index < matches.length; index++) {
    const match = matches[index]!;
    const start = match.index + match[1]!.length - 1;
    const end = match.index + match[0].length;
    const hex = match[2]!;
    const next = matches[index + 1];
    // A high surrogate right before a low one is a pair: keep both.
    if (isHigh(hex) && next && next.index === end && next[1]!.length === 1 && !isHigh(next[2]!)) {
      index++;
      continue;
    }
    result += `${json.slice(copied, start)}\\ufffd`;
    copied = end;
  }
  return result + json.slice(copied);
}

/** The SSE message with its data's lone surrogates replaced (see {@link replaceLoneSurrogateEscapes}). */
export function withoutLoneSurrogates(message: SseMessage): SseMessage {
  const data = replaceLoneSurrogateEscapes(message.data);
  return data === message.data ? message : { ...message, data };
}
