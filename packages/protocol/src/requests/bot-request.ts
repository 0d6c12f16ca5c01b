import type { z } from "zod";
import { parsePlainQuery } from "./parse-plain-query.js";
import { type QueryRequest, queryRequestSchema } from "./query-request.js";
import { type ReportErrorRequest, reportErrorRequestSchema } from "./report-error-request.js";
import {
  type ReportFeedbackRequest,
  reportFeedbackRequestSchema,
} from "./report-feedback-request.js";
import {
  type ReportReactionRequest,
  reportReactionRequestSchema,
} from "./report-reaction-request.js";
import { type SettingsRequest, settingsRequestSchema } from "./settings-request.js";

/** Any request the platform sends to a bot server, told apart by `type`. */
export type BotRequest =
  | QueryRequest
  | SettingsRequest
  | ReportFeedbackRequest
  | ReportReactionRequest
  | ReportErrorRequest;

/** Every request `type` of protocol 1.2. */
export const BOT_REQUEST_TYPES = [
  "query",
  "settings",
  "report_feedback",
  "report_reaction",
  "report_error",
] as const;

/** What `parseBotRequest` found: a request, a type it does not know (HTTP 501), or garbage. */
export type ParseBotRequestResult =
  | { ok: true; request: BotRequest }
  | { ok: false; reason: "unsupported_type"; type: string }
  | { ok: false; reason: "invalid"; message: string };

const schemaByType: Record<BotRequestType, z.ZodType<BotRequest>> = {
  query: queryRequestSchema,
  settings: settingsRequestSchema,
  report_feedback: reportFeedbackRequestSchema,
  report_reaction: reportReactionRequestSchema,
  report_error: reportErrorRequestSchema,
};

type BotRequestType = (typeof BOT_REQUEST_TYPES)[number];

function isBotRequestType(type: string): type is BotRequestType {
  return (BOT_REQUEST_TYPES as readonly string[]).includes(type);
}

/**
 * Validates a parsed JSON body as a bot request. An unknown `type` is reported apart from
 * malformed bodies because the protocol answers it with 501, not as an error.
 */
export function parseBotRequest(body: unknown): ParseBotRequestResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, reason: "invalid", message: "request body must be a JSON object" };
  }
  const type: unknown = (body as { type?: unknown }).type;
  if (typeof type !== "string") {
    return { ok: false, reason: "invalid", message: "type: expected a string" };
  }
  if (!isBotRequestType(type)) return { ok: false, reason: "unsupported_type", type };
  const plain = type === "query" ? parsePlainQuery(body as Record<string, unknown>) : undefined;
  if (plain) return { ok: true, request: plain };
  const result = schemaByType[type].safeParse(body);
  if (result.success) return { ok: true, request: result.data };
  return { ok: false, reason: "invalid", message: describeIssues(result.error.issues) };
}

/** One line, e.g. `query[0].content: Invalid input: expected string, received undefined`. */
function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join("; ");
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(body)";
  return path
    .map((key, position) => {
      if (typeof key === "number") return `[${key}]`;
      const name = String(key);
      return position === 0 ? name : `.${name}`;
    })
    .join("");
}
