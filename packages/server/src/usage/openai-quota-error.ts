import { OpenAIError } from "../openai-api/openai-error.js";
import { DailyLimitError } from "./daily-limit-error.js";

/** Rethrows a reached daily cap as OpenAI's `insufficient_quota` (429), for `/v1` clients. */
export function asOpenAIQuotaError(error: unknown): never {
  if (error instanceof DailyLimitError)
    throw new OpenAIError(429, error.message, {
      type: "insufficient_quota",
      code: "insufficient_quota",
      headers: error.headers,
    });
  throw error;
}
