/** Counts the tokens of a text. */
export type CountTokens = (text: string) => number;

let loading: Promise<CountTokens> | undefined;

/**
 * The tokenizer that counts usage for bots that do not report their own: gpt-tokenizer's
 * o200k_base, the encoding of OpenAI's current models, in pure JavaScript. Loaded on first
 * use, once per process (its tables take about a second to load and some 40 MB; counting is
 * then well under a millisecond per kilobyte). Special-token markers in user text such as
 * `<|endoftext|>` count as plain text rather than throwing.
 */
export function loadTokenCounter(): Promise<CountTokens> {
  loading ??= import("gpt-tokenizer/encoding/o200k_base").then((tokenizer) => {
    const options = { disallowedSpecial: new Set<string>() };
    return (text: string) => (text === "" ? 0 : tokenizer.countTokens(text, options));
  });
  return loading;
}
