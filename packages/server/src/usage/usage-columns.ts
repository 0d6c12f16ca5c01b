import type { ReplyUsage } from "../relay/bot-runner.js";

/** What a reply's tokens cost in US dollars; null when the price is not known. */
export type CostOf = (usage: ReplyUsage) => number | null;

/** A reply's tokens and cost as its message and call rows store them. */
export interface UsageColumns {
  input_tokens: number | null;
  output_tokens: number | null;
  cost_usd: number | null;
}

/** The usage columns of a reply's message or call row: all null when its bot counted nothing. */
export function usageColumns(usage: ReplyUsage | null, costOf: CostOf | undefined): UsageColumns {
  if (!usage) return { input_tokens: null, output_tokens: null, cost_usd: null };
  const counted = {
    ...usage,
    inputTokens: tokens(usage.inputTokens),
    outputTokens: tokens(usage.outputTokens),
  };
  return {
    input_tokens: counted.inputTokens,
    output_tokens: counted.outputTokens,
    cost_usd: costOf?.(counted) ?? null,
  };
}

/** A count a runner reported, as a whole non-negative number (a vendor may send anything). */
function tokens(count: number): number {
  return Number.isFinite(count) && count > 0 ? Math.round(count) : 0;
}

/** A reply's usage as the API shows it (message JSON, the stream's `done`); null if uncounted. */
export function publicUsage(columns: UsageColumns) {
  if (columns.input_tokens === null || columns.output_tokens === null) return null;
  return {
    input_tokens: columns.input_tokens,
    output_tokens: columns.output_tokens,
    cost_usd: columns.cost_usd,
  };
}
