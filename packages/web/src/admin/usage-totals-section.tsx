import { useState } from "react";
import { useUsageTotals, type UsagePeriod, type UsageSums } from "../api/usage.js";
import { ErrorNotice } from "../ui/notice.js";
import { Section } from "../ui/section.js";
import { Spinner } from "../ui/spinner.js";
import { formatCount, formatUsd } from "../ui/format.js";

const PERIODS: { days: UsagePeriod; label: string }[] = [
  { days: 1, label: "Today" },
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
];

/** Cost and tokens per user and per bot, for today or the last week or month (UTC days). */
export function UsageTotalsSection() {
  const [days, setDays] = useState<UsagePeriod>(1);
  const totals = useUsageTotals(days);
  return (
    <Section
      title="Cost and tokens"
      lead="Replies whose bot counted tokens (model bots), priced at the package's or your prices. Days are UTC."
    >
      <div role="group" aria-label="Period" className="flex gap-1">
        {PERIODS.map((period) => (
          <button
            key={period.days}
            type="button"
            aria-pressed={days === period.days}
            onClick={() => setDays(period.days)}
            className="h-8 rounded-lg border border-line px-3 text-sm text-ink hover:bg-sunken aria-pressed:border-accent aria-pressed:bg-accent-soft"
          >
            {period.label}
          </button>
        ))}
      </div>
      {totals.isPending && <Spinner label="Loading usage" />}
      {totals.isError && <ErrorNotice error={totals.error} />}
      {totals.data && (
        <>
          <UsageTable
            caption="Per user"
            rows={totals.data.users.map((row) => ({
              ...row,
              key: row.user_id,
              name: row.email ?? "Deleted account",
            }))}
          />
          <UsageTable
            caption="Per bot"
            rows={totals.data.bots.map((row) => ({
              ...row,
              key: row.bot_id,
              name: row.handle ?? "Deleted bot",
            }))}
          />
        </>
      )}
    </Section>
  );
}

function UsageTable({
  caption,
  rows,
}: {
  caption: string;
  rows: (UsageSums & { key: string; name: string })[];
}) {
  return (
    <div className="overflow-x-auto rounded-xl border border-line">
      <table className="w-full text-sm">
        <caption className="px-3 pt-2.5 text-left font-medium">{caption}</caption>
        <thead className="text-left text-xs text-muted">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Name
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Messages
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Tokens in
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Tokens out
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Cost
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-3 text-muted">
                Nothing used in this period.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="px-3 py-2 text-left font-normal break-all">
                {row.name}
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.messages)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatCount(row.input_tokens)}</td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatCount(row.output_tokens)}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatUsd(row.cost_usd)}
                {row.unpriced_replies > 0 && (
                  <span className="block text-xs text-muted">
                    + {formatCount(row.unpriced_replies)} unpriced
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
