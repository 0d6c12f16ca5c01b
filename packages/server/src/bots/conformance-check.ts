import { PROTOCOL_VERSION, createIdentifier, settingsResponseSchema } from "@parlor/protocol";
import { OutboundError, type OutboundClient, type OutboundErrorCode } from "../outbound/index.js";
import { createBotRequestSender } from "./bot-request-sender.js";
import { generateAccessKey } from "@parlor/sdk";
import { checkQuery } from "./conformance-query-check.js";
import { settingsProblems } from "./settings-problems.js";
import {
  describeStatus,
  failed,
  passed,
  statusFailure,
  type ConformanceCheck,
  type ConformanceSend,
} from "./conformance-verdict.js";

export type { ConformanceCheck } from "./conformance-verdict.js";

/** Every check against one bot URL. */
export interface ConformanceReport {
  checks: ConformanceCheck[];
  /** Whether every check passed (a warning is a failure too). */
  passed: boolean;
}

/** What to check, and through which client (so the platform's address rules apply). */
export interface ConformanceCheckOptions {
  url: string;
  /** The bot's access key; without one, the wrong-key check is skipped. */
  accessKey?: string | undefined;
  outbound: OutboundClient;
  /** How long the test query may take in all. Default 60 s (the protocol allows 600 s). */
  queryTimeoutMs?: number;
  /** Default 5 s, the protocol's rule. */
  firstEventTimeoutMs?: number;
}

/** Failures that mean nothing reached the bot: the remaining checks would only repeat them. */
const UNREACHABLE = new Set<OutboundErrorCode>([
  "invalid_url",
  "https_required",
  "blocked_address",
  "port_not_allowed",
  "dns_failed",
  "connect_timeout",
  "connection_failed",
]);

/**
 * Checks a bot URL the way a real platform (Poe, or Parlor) calls it: settings, a query whose
 * stream is read with the reference client's rules, the three report types, an unknown request
 * type, a wrong access key and a missing Authorization header. Requests carry the platform's own
 * headers (Bearer key, webhook signature) and go through its outbound client.
 */
export async function runConformanceCheck(
  options: ConformanceCheckOptions,
): Promise<ConformanceReport> {
  const totalMs = options.queryTimeoutMs ?? 60_000;
  const send = createBotRequestSender({
    url: options.url,
    outbound: options.outbound,
    userAgent: "Parlor conformance check (Poe protocol 1.2)",
    totalTimeoutMs: totalMs,
  });
  // A platform always sends a Bearer key; for a keyless bot any key will do.
  const key = options.accessKey ?? generateAccessKey();
  const ids = {
    message_id: createIdentifier("m"),
    user_id: createIdentifier("u"),
    conversation_id: createIdentifier("c"),
  };
  const limits = {
    totalMs,
    ...(options.firstEventTimeoutMs ? { firstEventMs: options.firstEventTimeoutMs } : {}),
  };
  const plan: [string, () => Promise<ConformanceCheck>][] = [
    ["settings", () => checkSettings(send, key)],
    ["query", () => checkQuery(send, key, ids, limits)],
    ...reportChecks(send, key, ids),
    ["unknown_type", () => checkUnknownType(send, key)],
    ["wrong_access_key", () => checkWrongKey(send, options.accessKey)],
    ["missing_authorization", () => checkMissingAuthorization(send)],
  ];
  const checks: ConformanceCheck[] = [];
  for (const [name, run] of plan) {
    try {
      checks.push(await run());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      checks.push(failed(name, `${message}; a platform's request would fail the same way.`));
      if (error instanceof OutboundError && UNREACHABLE.has(error.code)) break;
    }
  }
  return { checks, passed: checks.every((check) => check.passed) };
}

async function checkSettings(send: ConformanceSend, key: string): Promise<ConformanceCheck> {
  const name = "settings";
  const response = await send({ version: PROTOCOL_VERSION, type: "settings" }, key);
  if (response.status !== 200) {
    const why = "a platform needs 200 with JSON settings, or it falls back to default settings";
    return statusFailure(name, response, why);
  }
  let body: unknown;
  try {
    body = JSON.parse(await response.text());
  } catch {
    return failed(name, "answered 200 with a body that is not JSON; a platform ignores it.");
  }
  const parsed = settingsResponseSchema.safeParse(body);
  if (!parsed.success) {
    return failed(
      name,
      `the settings are invalid (${settingsProblems(parsed.error)}); a platform rejects them and keeps the defaults.`,
    );
  }
  const intro = parsed.data.introduction_message ? "an introduction message" : "no introduction";
  const dependencies = Object.keys(parsed.data.server_bot_dependencies ?? {}).length;
  return passed(name, `200 with valid JSON settings (${intro}, ${dependencies} bot dependencies).`);
}

function reportChecks(
  send: ConformanceSend,
  key: string,
  ids: Record<"message_id" | "user_id" | "conversation_id", string>,
): [string, () => Promise<ConformanceCheck>][] {
  const reports = [
    ["report_feedback", { ...ids, feedback_type: "like" }, "when a user likes or dislikes a reply"],
    ["report_reaction", { ...ids, reaction: "heart" }, "when a user reacts to a reply"],
    [
      "report_error",
      { message: "Conformance check: a test report, nothing is wrong", metadata: {} },
      "when the bot breaks the protocol",
    ],
  ] as const;
  return reports.map(([type, fields, when]) => [
    type,
    async () => {
      const response = await send({ version: PROTOCOL_VERSION, type, ...fields }, key);
      if (response.status >= 200 && response.status < 300) {
        await response.text();
        return passed(type, `answered ${response.status}.`);
      }
      const expected = `a platform ignores the answer but sends ${type} ${when}, and expects a 2xx (fastapi_poe answers {})`;
      return statusFailure(type, response, expected);
    },
  ]);
}

async function checkUnknownType(send: ConformanceSend, key: string): Promise<ConformanceCheck> {
  const name = "unknown_type";
  const response = await send({ version: PROTOCOL_VERSION, type: "conformance_probe" }, key);
  if (response.status === 401 || response.status === 403) {
    return statusFailure(name, response, "a bot must check the key before the request type");
  }
  const status = await describeStatus(response);
  if (response.status === 501) return passed(name, "answered 501 to an unknown request type.");
  const why =
    "the protocol asks for 501 so a platform can add request types (as it added report_reaction) and tell which bots predate them";
  // A 2xx or 4xx breaks nothing today; another 5xx looks like a crash.
  return failed(
    name,
    `answered ${status} to an unknown request type; ${why}.`,
    response.status < 500,
  );
}

async function checkWrongKey(
  send: ConformanceSend,
  accessKey: string | undefined,
): Promise<ConformanceCheck> {
  const name = "wrong_access_key";
  if (accessKey === undefined) {
    const detail = "skipped: no access key was given, so whether the bot checks it is unknown.";
    return { ...passed(name, detail), skipped: true };
  }
  let wrongKey = generateAccessKey();
  while (wrongKey === accessKey) wrongKey = generateAccessKey();
  const response = await send({ version: PROTOCOL_VERSION, type: "settings" }, wrongKey);
  const status = await describeStatus(response);
  if (response.status === 401) return passed(name, "refused a wrong access key with 401.");
  if (response.status < 300) {
    return failed(
      name,
      `accepted a wrong access key (${status}); anyone who learns the URL could use the bot and its budget, which is why a bot must answer 401.`,
    );
  }
  return failed(
    name,
    `answered ${status} to a wrong access key; fastapi_poe answers 401 "Invalid access key", which platforms and tools read as a key problem.`,
    true,
  );
}

async function checkMissingAuthorization(send: ConformanceSend): Promise<ConformanceCheck> {
  const name = "missing_authorization";
  const response = await send({ version: PROTOCOL_VERSION, type: "settings" }, null);
  const status = await describeStatus(response);
  if (response.status === 401 || response.status === 403) {
    return passed(name, `refused a request without Authorization with ${response.status}.`);
  }
  if (response.status < 300) {
    return failed(
      name,
      `accepted a request without an Authorization header (${status}); a platform always sends a Bearer key, so a bot that skips the check is open to anyone.`,
    );
  }
  return failed(
    name,
    `answered ${status} to a request without Authorization; fastapi_poe answers 401 or 403 "Not authenticated".`,
    true,
  );
}
