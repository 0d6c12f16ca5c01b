import { z } from "zod";

/**
 * One amount a bot authorizes or captures through the monetization API (reference §7).
 * 1 milli-cent is 1/1000 of a US cent.
 */
export const costItemSchema = z.object({
  /** Fractions are rounded up, as fastapi_poe does, so a bot never undercharges by rounding. */
  amount_usd_milli_cents: z
    .number()
    .nonnegative()
    .transform((amount) => Math.ceil(amount)),
  // fastapi_poe serialises an unset description as null.
  description: z.string().nullish(),
});

/** A cost item with its amount rounded up to a whole number of milli-cents. */
export type CostItem = z.output<typeof costItemSchema>;
