import type { OutboundResponse } from "../outbound/index.js";

/** One check's verdict; `detail` says in one sentence what a real platform would do and why. */
export interface ConformanceCheck {
  name: string;
  passed: boolean;
  detail: string;
  /** A failure a platform tolerates, but that still breaks the protocol. */
  warning?: true;
  /** Not run; counts as passed. */
  skipped?: true;
}

/** Sends one request body to the bot: with `Bearer key`, or with no Authorization at all. */
export type ConformanceSend = (
  body: unknown,
  key: string | null,
  options?: { accept?: string; firstByteTimeoutMs?: number; signal?: AbortSignal },
) => Promise<OutboundResponse>;

/** A passed check. */
export const passed = (name: string, detail: string): ConformanceCheck => ({
  name,
  passed: true,
  detail,
});

/** A failed check; a `warning` is a failure a platform tolerates. */
export const failed = (name: string, detail: string, warning = false): ConformanceCheck => ({
  name,
  passed: false,
  detail,
  ...(warning ? { warning: true as const } : {}),
});

/** `HTTP 401 ("Invalid access key")`: the status with a short piece of the body. */
export async function describeStatus(response: OutboundResponse): Promise<string> {
  let body = "";
  try {
    body = (await response.text()).trim();
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "detail" in parsed) body = String(parsed.detail);
  } catch {
    // Not JSON, or unreadable: the raw text (possibly empty) is the best there is.
  }
  const short = body.length > 120 ? `${body.slice(0, 120)}…` : body;
  return `HTTP ${response.status}${short ? ` (${JSON.stringify(short)})` : ""}`;
}

/**
 * A failure for an unexpected status. A 401 or 403 almost always means the check was given the
 * wrong key (or none), so it says that rather than `expected`.
 */
export async function statusFailure(
  name: string,
  response: OutboundResponse,
  expected: string,
): Promise<ConformanceCheck> {
  const status = await describeStatus(response);
  if (response.status === 401 || response.status === 403) {
    return failed(
      name,
      `answered ${status}, refusing the check's access key; pass the bot's key, since a platform always sends it as a Bearer token.`,
    );
  }
  return failed(name, `answered ${status}; ${expected}.`);
}
