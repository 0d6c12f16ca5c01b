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

/** Receives a reply's messages as they arrive. Its methods must not throw. */
export interface ReplySink {
  message(message: SseMessage): void;
  /** The bot's reply ended (with or without `done`: the reader of the messages decides). */
  end(): void;
  /** The reply could not be read to its end: connection lost, body cap, decoder cap. */
  fail(error: unknown): void;
}

/**
 * What a reply cost in tokens, as the model that wrote it counted them. `provider` (a
 * `ModelProvider` id: "openai", "anthropic", "gemini", or a compatible server's name) and
 * `model` (the vendor's model id) say whose prices apply.
 */
export interface ReplyUsage {
  inputTokens: number;
  outputTokens: number;
  provider: string;
  model: string;
}

/** The reply to one query: the bot's events, undecoded, as they arrive. */
export interface BotReplyStream {
  /** The HTTP status (200 for in-process bots). */
  status: number;
  /** Whether the bot answered with one JSON document instead of a stream. */
  format: "sse" | "json";
  /**
   * Pushes the messages to `sink` as the bot sends them, synchronously from the socket (no
   * async iterator per event: this is the relay's hot path). Returns what stops reading; call
   * it once the reply is over for the reader (after `done`, on a deadline). Call once.
   */
  read(sink: ReplySink): () => void;
  /**
   * The tokens the reply used, once the vendor said so (model bots, and bots over them);
   * undefined or null for bots that do not count tokens. Read when the reply is over.
   */
  usage?: () => ReplyUsage | null;
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
  /** Whether a deadline ran out before the bot answered (connecting, the response headers). */
  readonly timedOut: boolean;
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    options: { timedOut?: boolean } = {},
  ) {
    super(message);
    this.timedOut = options.timedOut ?? false;
  }
}
