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
import { defineBot, type Bot } from "./define-bot.js";
import type { QueryContext, RequestContext } from "./query-context.js";

/**
 * The class form, shaped like fastapi_poe's `PoeBot` for people porting Python bots: override
 * `getResponse` (and optionally `getSettings`, `onFeedback`, `onReaction`, `onError`), then pass
 * `new MyBot().toBot()` — or the instance itself — to `serve` or `createFetchHandler`.
 */
export class PoeBot {
  path = "/";
  accessKey: string | undefined;
  botName: string | undefined;
  webhookSecret: string | undefined;
  shouldInsertAttachmentMessages = true;
  /** Where the bot's own failures are logged; default `console.error`. */
  logger: BotLogger = defaultBotLogger;

  constructor(
    options: {
      path?: string;
      accessKey?: string;
      botName?: string;
      webhookSecret?: string;
      logger?: BotLogger;
    } = {},
  ) {
    if (options.path !== undefined) this.path = options.path;
    if (options.logger !== undefined) this.logger = options.logger;
    this.accessKey = options.accessKey;
    this.botName = options.botName;
    this.webhookSecret = options.webhookSecret;
  }

  /** Answers a query; the default says "hello", as fastapi_poe's does. */
  async *getResponse(_request: QueryRequest, _context: QueryContext): AsyncIterable<BotResponse> {
    yield "hello";
  }

  /** The bot's settings; none by default. */
  getSettings(
    _request: SettingsRequest,
    _context: RequestContext,
  ): SettingsResponse | Promise<SettingsResponse> {
    return {};
  }

  onFeedback(_request: ReportFeedbackRequest, _context: RequestContext): void | Promise<void> {}

  onReaction(_request: ReportReactionRequest, _context: RequestContext): void | Promise<void> {}

  onError(request: ReportErrorRequest, _context: RequestContext): void | Promise<void> {
    this.logger(`Protocol error reported by the platform: ${request.message}`);
  }

  /** This bot as a {@link Bot}, the shape every server and the test harness run. */
  toBot(): Bot {
    return defineBot({
      onQuery: (request, context) => this.getResponse(request, context),
      settings: (request, context) => this.getSettings(request, context),
      onFeedback: (request, context) => this.onFeedback(request, context),
      onReaction: (request, context) => this.onReaction(request, context),
      onError: (request, context) => this.onError(request, context),
      path: this.path,
      ...(this.accessKey !== undefined ? { accessKey: this.accessKey } : {}),
      ...(this.botName !== undefined ? { botName: this.botName } : {}),
      ...(this.webhookSecret !== undefined ? { webhookSecret: this.webhookSecret } : {}),
      insertAttachmentMessages: this.shouldInsertAttachmentMessages,
      logger: (message, error) => this.logger(message, error),
    });
  }
}
