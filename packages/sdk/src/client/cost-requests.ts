import { costItemSchema, decodeSse, type CostItem, type QueryRequest } from "@parlor/protocol";
import { CostRequestError, InsufficientFundError } from "../errors.js";
import { DEFAULT_BOT_BASE_URL, type ClientOptions } from "./client-options.js";
import { timeoutSignal } from "./timeout-signal.js";

/** Options of `authorizeCost` and `captureCost`. */
export interface CostRequestOptions extends ClientOptions {
  /** Gives up after this long; defaults to 300 s, as fastapi_poe. */
  timeoutMs?: number;
}

/** The SSE messages of an answer already read whole (cost answers are a few events). */
async function* messagesOf(body: string) {
  yield* decodeSse(
    (async function* () {
      yield body;
    })(),
  );
}

/** The `message` fields of the SSE events in a refusal, which together explain it. */
async function refusalMessages(body: string): Promise<string> {
  const pieces: string[] = [];
  for await (const message of messagesOf(body)) {
    try {
      const data = JSON.parse(message.data) as { message?: unknown };
      if (typeof data.message === "string") pieces.push(data.message);
    } catch {
      // A piece that is not JSON explains nothing.
    }
  }
  return pieces.length > 0 ? pieces.join("") : body;
}

/** Whether the first `result` event says the charge went through. */
async function isSuccess(body: string): Promise<boolean> {
  for await (const message of messagesOf(body)) {
    if (message.event !== "result") continue;
    try {
      return (JSON.parse(message.data) as { status?: unknown }).status === "success";
    } catch {
      return false;
    }
  }
  // No verdict is no permission: a bot must not do paid work it may not be paid for.
  throw new CostRequestError("The platform sent no result for the cost request");
}

async function requestCost(
  action: "authorize" | "capture",
  request: Pick<QueryRequest, "bot_query_id">,
  amounts: CostItem | readonly CostItem[],
  accessKey: string,
  options: CostRequestOptions,
): Promise<void> {
  const parsed = costItemSchema.array().safeParse(Array.isArray(amounts) ? amounts : [amounts]);
  if (!parsed.success) throw new TypeError(`Invalid cost amounts: ${parsed.error.message}`);
  const url = `${options.baseUrl ?? DEFAULT_BOT_BASE_URL}cost/${encodeURIComponent(request.bot_query_id)}/${action}`;
  const response = await (options.fetch ?? globalThis.fetch)(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify({ amounts: parsed.data, access_key: accessKey }),
    signal: timeoutSignal(options.timeoutMs ?? 300_000, options.signal),
  });
  const body = await response.text();
  if (response.status !== 200) {
    throw new CostRequestError(
      `${response.status} ${response.statusText}: ${await refusalMessages(body)}`,
    );
  }
  if (!(await isSuccess(body))) throw new InsufficientFundError();
}

/**
 * Reserves an amount of the user's funds for this query (Poe's monetization API) before the
 * bot does paid work. Throws `InsufficientFundError` when the user cannot pay and
 * `CostRequestError` when the platform refuses the request.
 */
export function authorizeCost(
  request: Pick<QueryRequest, "bot_query_id">,
  amounts: CostItem | readonly CostItem[],
  accessKey: string,
  options: CostRequestOptions = {},
): Promise<void> {
  return requestCost("authorize", request, amounts, accessKey, options);
}

/** Charges the user for this query; fails like `authorizeCost`. */
export function captureCost(
  request: Pick<QueryRequest, "bot_query_id">,
  amounts: CostItem | readonly CostItem[],
  accessKey: string,
  options: CostRequestOptions = {},
): Promise<void> {
  return requestCost("capture", request, amounts, accessKey, options);
}
