import { PROTOCOL_VERSION, type BotStreamReport } from "@parlor/protocol";
import { BotError } from "../errors.js";
import type { ErrorHandler } from "./client-options.js";

/** Where and how to tell a called bot about its protocol mistakes. */
export interface ReportTarget {
  endpoint: string;
  /** The query's headers: the same key, and JSON as content type. */
  headers: Record<string, string>;
  fetch: typeof fetch;
  onError: ErrorHandler;
  signal?: AbortSignal;
}

/**
 * Tells the caller (through `onError`) and the called bot (through a `report_error` request)
 * that the bot misused the protocol. Best effort: a failed report never fails the call.
 */
export async function reportError(target: ReportTarget, report: BotStreamReport): Promise<void> {
  target.onError(
    new BotError(report.message),
    `Protocol bot error: ${report.message} with metadata ${JSON.stringify(report.metadata)} ` +
      `for endpoint ${target.endpoint}`,
  );
  const body = {
    version: PROTOCOL_VERSION,
    type: "report_error",
    message: report.message,
    metadata: report.metadata,
  };
  try {
    const response = await target.fetch(target.endpoint, {
      method: "POST",
      headers: target.headers,
      body: JSON.stringify(body),
      signal: target.signal,
    });
    // The answer does not matter; reading it frees the connection.
    await response.arrayBuffer();
  } catch {
    // The bot is already misbehaving; not hearing about it is no reason to fail the reply.
  }
}
