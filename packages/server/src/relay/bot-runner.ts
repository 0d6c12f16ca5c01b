import type {
  QueryRequest,
  ReportErrorRequest,
  ReportFeedbackRequest,
  ReportReactionRequest,
  SettingsResponse,
  SseMessage,
} from "@parlor/protocol";

/** A non-query request the platform sends a bot; the answer is ignored. */
export type BotReport = ReportFeedbackRequest | ReportReactionRequest | ReportErrorRequest;

/** The reply to one query: the bot's events, undecoded, as they arrive. */
export interface BotReplyStream {
  /** The HTTP status (200 for in-process bots). */
  status: number;
  /** Whether the bot answered with one JSON document instead of a stream. */
  format: "sse" | "json";
  messages: AsyncIterable<SseMessage>;
}

/**
 * How the platform talks to one bot, whatever kind it is. Server bots go over HTTP; in-process
 * bots run the same SDK code without a socket. Everything above (dispatcher, APIs) is written
 * once against this.
 */
export interface BotRunner {
  query(request: QueryRequest, signal: AbortSignal): Promise<BotReplyStream>;
  settings(signal?: AbortSignal): Promise<SettingsResponse>;
  report(request: BotReport): Promise<void>;
}

/** A bot call failed before its reply could be read (HTTP status, network, refused address). */
export class BotCallError extends Error {
  override name = "BotCallError";
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
