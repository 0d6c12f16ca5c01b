import { DailyLimitsSection } from "./daily-limits-section.js";
import { PriceOverridesSection } from "./price-overrides-section.js";
import { UsageTotalsSection } from "./usage-totals-section.js";

/** The admin's Usage tab: what was used and cost, the prices, and the daily limits. */
export function UsageTab() {
  return (
    <div className="flex flex-col gap-4">
      <UsageTotalsSection />
      <PriceOverridesSection />
      <DailyLimitsSection />
    </div>
  );
}
