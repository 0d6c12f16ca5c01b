import * as Tooltip from "@radix-ui/react-tooltip";
import type { ReplyUsage as Usage } from "../api/types.js";
import { formatCount, formatUsd } from "../ui/format.js";
import { InfoIcon } from "./icons.js";

/** What a reply used, in words: "1,000 tokens in, 500 out · $0.0075". */
export function describeUsage(usage: Usage): string {
  const cost = usage.cost_usd === null ? "cost unknown" : formatUsd(usage.cost_usd);
  return `${formatCount(usage.input_tokens)} tokens in, ${formatCount(usage.output_tokens)} out · ${cost}`;
}

/**
 * A small info button on a reply whose bot counted tokens: hovering or focusing it shows the
 * tokens and their cost; screen readers get the same text as its label.
 */
export function ReplyUsage({ usage }: { usage: Usage }) {
  const text = describeUsage(usage);
  return (
    <Tooltip.Provider delayDuration={150}>
      <Tooltip.Root>
        <Tooltip.Trigger
          aria-label={`Usage: ${text}`}
          className="inline-flex h-8 w-8 items-center justify-center rounded-lg text-muted hover:bg-sunken"
        >
          <InfoIcon />
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            sideOffset={4}
            className="z-50 rounded-lg border border-line bg-raised px-2.5 py-1.5 text-xs text-ink shadow-lg"
          >
            {text}
            <Tooltip.Arrow className="fill-raised" />
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
    </Tooltip.Provider>
  );
}
