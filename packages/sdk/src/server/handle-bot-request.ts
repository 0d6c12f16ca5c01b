import {
  parseBotRequest,
  settingsResponseSchema,
  SETTINGS_RESPONSE_VERSION,
  type BotRequest,
  type QueryRequest,
} from "@parlor/protocol";
import type { Bot } from "../bot/define-bot.js";
import type { RequestContext } from "../bot/query-context.js";
import { insertAttachmentMessages } from "../prompt/index.js";
import { verifyWebhook, WebhookVerificationError } from "../webhooks/index.js";
import type { BotReply, IncomingBotRequest } from "./bot-reply.js";
import { checkAuthorization } from "./check-authorization.js";
import { runQuery } from "./query-frames.js";

const HEALTH_PAGE = `<!doctype html>
<html><head><title>Poe bot server</title></head>
<body><h1>Your bot server is running</h1>
<p>Point a Poe or Parlor server bot at this URL to start chatting with it.</p></body></html>
`;

const detail = (status: number, message: string, headers?: Record<string, string>): BotReply => ({
  type: "json",
  status,
  body: { detail: message },
  ...(headers ? { headers } : {}),
});

/**
 * The whole server-side protocol, independent of any HTTP framework: health page on GET,
 * bearer and optional webhook-signature checks, request parsing, and dispatch by `type`.
 */
export async function handleBotRequest(bot: Bot, incoming: IncomingBotRequest): Promise<BotReply> {
  return answerBotRequest(bot, incoming);
}

/**
 * {@link handleBotRequest} without a promise where none is needed, for adapters on the hot path:
 * everything but settings and reports is answered at once (a query's reply runs when given a
 * sink). It may throw where `handleBotRequest` would reject.
 */
export function answerBotRequest(
  bot: Bot,
  incoming: IncomingBotRequest,
): BotReply | Promise<BotReply> {
  if (incoming.method === "GET" || incoming.method === "HEAD") {
    return { type: "html", status: 200, body: HEALTH_PAGE };
  }
  if (incoming.method !== "POST") return detail(405, "Method Not Allowed");

  const authorization = checkAuthorization(incoming.headers.get("authorization"), bot.accessKey);
  if (!authorization.ok) return detail(401, authorization.detail, { "www-authenticate": "Bearer" });
  if (bot.webhookSecret !== undefined) {
    try {
      verifyWebhook({ secret: bot.webhookSecret, headers: incoming.headers, body: incoming.body });
    } catch (error) {
      if (error instanceof WebhookVerificationError) {
        return detail(401, `Invalid webhook signature: ${error.message}`);
      }
      throw error;
    }
  }

  let body: unknown;
  try {
    body = JSON.parse(incoming.body);
  } catch {
    return detail(400, "Request body is not valid JSON");
  }
  const parsed = parseBotRequest(body);
  if (!parsed.ok) {
    return parsed.reason === "unsupported_type"
      ? detail(501, "Unsupported request type")
      : detail(400, parsed.message);
  }

  const request = parsed.request;
  if (request.type === "query") {
    const query = prepareQuery(bot, request);
    return { type: "stream", run: (sink) => runQuery(bot, query, incoming, sink) };
  }
  return answerBotCall(bot, request, { url: incoming.url, headers: incoming.headers });
}

/** Settings and reports: the bot's own code runs, and may take its time. */
async function answerBotCall(
  bot: Bot,
  request: Exclude<BotRequest, QueryRequest>,
  context: RequestContext,
): Promise<BotReply> {
  switch (request.type) {
    case "settings":
      return settingsReply(bot, await bot.getSettings(request, context));
    case "report_feedback":
      await bot.onFeedback(request, context);
      return { type: "json", status: 200, body: {} };
    case "report_reaction":
      await bot.onReaction(request, context);
      return { type: "json", status: 200, body: {} };
    case "report_error":
      await bot.onError(request, context);
      return { type: "json", status: 200, body: {} };
    default:
      return detail(501, "Unsupported request type");
  }
}

/** Gives the handler the bot's own key (never one from the wire) and expanded attachments. */
function prepareQuery(bot: Bot, request: QueryRequest): QueryRequest {
  // The request was parsed for this call alone, so it is changed in place, not copied.
  request.access_key = request.api_key = bot.accessKey ?? "<missing>";
  // Rebuilding the history is only worth it when there are attachments to expand.
  const hasAttachments = request.query.at(-1)?.attachments.length ?? 0;
  return bot.insertAttachmentMessages && hasAttachments
    ? insertAttachmentMessages(request)
    : request;
}

/** Validates the author's settings so a mistake shows up in their logs, not as Poe ignoring it. */
function settingsReply(bot: Bot, settings: unknown): BotReply {
  const checked = settingsResponseSchema.safeParse(settings);
  if (!checked.success) {
    bot.logger(`Invalid bot settings: ${checked.error.message}`);
    return detail(500, "The bot's settings are invalid; see the bot's log");
  }
  return {
    type: "json",
    status: 200,
    body: { response_version: SETTINGS_RESPONSE_VERSION, ...(settings as object) },
  };
}
