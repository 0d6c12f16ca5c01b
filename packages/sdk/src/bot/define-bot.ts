import type {
  QueryRequest,
  ReportErrorRequest,
  ReportFeedbackRequest,
  ReportReactionRequest,
  SettingsRequest,
  SettingsResponse,
} from "@parlor/protocol";
import { defaultBotLogger, type BotLogger } from "./bot-logger.js";
import type { BotResponse } from "./bot-response.js";
import type { QueryContext, RequestContext } from "./query-context.js";

/** The query handler: an async generator of text and events. */
export type QueryHandler = (
  request: QueryRequest,
  context: QueryContext,
) => AsyncIterable<BotResponse> | Iterable<BotResponse>;

/** Everything a bot author writes. Only `onQuery` is required. */
export interface BotDefinition {
  /** Answers a user message; see {@link QueryHandler}. */
  onQuery: QueryHandler;
  /** The settings the platform asks for (introduction message, dependencies, controls…). */
  settings?:
    | SettingsResponse
    | ((
        request: SettingsRequest,
        context: RequestContext,
      ) => SettingsResponse | Promise<SettingsResponse>);
  onFeedback?: (request: ReportFeedbackRequest, context: RequestContext) => void | Promise<void>;
  onReaction?: (request: ReportReactionRequest, context: RequestContext) => void | Promise<void>;
  /** Called when the platform reports that this bot misused the protocol. */
  onError?: (request: ReportErrorRequest, context: RequestContext) => void | Promise<void>;
  /** The URL path the bot answers on when several bots share a server. Default `/`. */
  path?: string;
  /** The bot's 32-character access key; `serve` also reads `POE_ACCESS_KEY`. */
  accessKey?: string;
  /** The bot's name on the platform, used to sync settings at start. */
  botName?: string;
  /**
   * A Standard Webhooks secret (`whsec_…`). When set, every request must carry a valid
   * `webhook-signature`, checked in addition to the access key.
   */
  webhookSecret?: string;
  /** Insert attachment contents as user messages before `onQuery` runs. Default true. */
  insertAttachmentMessages?: boolean;
  /** Where the bot's own failures are logged (see {@link BotLogger}). Default `console.error`. */
  logger?: BotLogger;
}

/** A bot with every optional part resolved; what servers and the test harness run. */
export interface Bot extends Required<Pick<BotDefinition, "onQuery" | "path">> {
  readonly definition: BotDefinition;
  getSettings(request: SettingsRequest, context: RequestContext): Promise<SettingsResponse>;
  onFeedback(request: ReportFeedbackRequest, context: RequestContext): Promise<void>;
  onReaction(request: ReportReactionRequest, context: RequestContext): Promise<void>;
  onError(request: ReportErrorRequest, context: RequestContext): Promise<void>;
  accessKey: string | undefined;
  botName: string | undefined;
  webhookSecret: string | undefined;
  insertAttachmentMessages: boolean;
  logger: BotLogger;
}

/** Normalises a path so `/echo`, `echo` and `/echo/` name the same route. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.startsWith("/") ? trimmed || "/" : `/${trimmed}`;
}

/**
 * Defines a bot. The result is the same object whether the SDK serves it over HTTP or the
 * Parlor platform mounts it in-process.
 *
 * @example
 * const echo = defineBot({
 *   async *onQuery(request) {
 *     yield `You said: ${request.query.at(-1)?.content ?? ""}`;
 *   },
 * });
 */
export function defineBot(definition: BotDefinition): Bot {
  const settings = definition.settings;
  const logger = definition.logger ?? defaultBotLogger;
  return {
    definition,
    onQuery: definition.onQuery,
    path: normalizePath(definition.path ?? "/"),
    accessKey: definition.accessKey,
    botName: definition.botName,
    webhookSecret: definition.webhookSecret,
    insertAttachmentMessages: definition.insertAttachmentMessages ?? true,
    logger,
    async getSettings(request, context) {
      if (typeof settings === "function") return settings(request, context);
      return settings ?? {};
    },
    async onFeedback(request, context) {
      await definition.onFeedback?.(request, context);
    },
    async onReaction(request, context) {
      await definition.onReaction?.(request, context);
    },
    async onError(request, context) {
      if (definition.onError) await definition.onError(request, context);
      else logger(`Protocol error reported by the platform: ${request.message}`);
    },
  };
}
