import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "./http.js";
import { retryUnlessMissing } from "./missing-route.js";

/** How many UTC days the usage page sums, today included. */
export type UsagePeriod = 1 | 7 | 30;

/** What a user or bot used over the period. */
export interface UsageSums {
  messages: number;
  replies: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  unpriced_replies: number;
}

/** The usage page's sums per user and per bot. */
export interface UsageTotals {
  period: { days: number; from_day: string; to_day: string };
  users: (UsageSums & { user_id: string; email: string | null })[];
  bots: (UsageSums & { bot_id: string; handle: string | null })[];
}

/** An admin's price for one provider's model, US dollars per million tokens. */
export interface PriceOverride {
  provider: string;
  model: string;
  input_per_million: number;
  output_per_million: number;
}

/** Daily caps; null: none. */
export interface DailyCaps {
  messages_per_day: number | null;
  cost_usd_per_day: number | null;
}

/** The default caps and users' own. */
export interface DailyLimits {
  default: DailyCaps;
  users: (DailyCaps & { user_id: string; email: string | null })[];
  resets_at: number;
}

/** Query keys of the usage page. */
export const usageKeys = {
  totals: (days: UsagePeriod) => ["admin", "usage", days] as const,
  prices: ["admin", "prices"] as const,
  limits: ["admin", "daily-limits"] as const,
};

/** Sums per user and bot over the last `days` days. */
export const useUsageTotals = (days: UsagePeriod) =>
  useQuery({
    queryKey: usageKeys.totals(days),
    queryFn: () => apiFetch<UsageTotals>(`/api/admin/usage?days=${days}`),
    retry: retryUnlessMissing,
  });

/** The admin's price overrides. */
export const usePriceOverrides = () =>
  useQuery({
    queryKey: usageKeys.prices,
    queryFn: () => apiFetch<{ overrides: PriceOverride[] }>("/api/admin/prices"),
    retry: retryUnlessMissing,
  });

/** Replaces the price overrides. */
export const savePriceOverrides = (overrides: PriceOverride[]) =>
  apiFetch<{ overrides: PriceOverride[] }>("/api/admin/prices", {
    method: "PUT",
    json: { overrides },
  });

/** The daily caps. */
export const useDailyLimits = () =>
  useQuery({
    queryKey: usageKeys.limits,
    queryFn: () => apiFetch<DailyLimits>("/api/admin/daily-limits"),
    retry: retryUnlessMissing,
  });

/** Replaces the daily caps; users are named by email. */
export const saveDailyLimits = (limits: {
  default: DailyCaps;
  users: (DailyCaps & { email: string })[];
}) => apiFetch<DailyLimits>("/api/admin/daily-limits", { method: "PUT", json: limits });
