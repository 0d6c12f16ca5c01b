import { PROTOCOL_VERSION, settingsResponseSchema, type SettingsResponse } from "@parlor/protocol";
import { refusedField } from "../errors.js";
import { OutboundError, type OutboundClient, type OutboundResponse } from "../outbound/index.js";
import { createBotRequestSender } from "./bot-request-sender.js";
import { generateAccessKey } from "@parlor/sdk";
import { describeStatus } from "./conformance-verdict.js";
import {
  connectionFailure,
  endpointOf,
  type ConnectionFailure,
  type Endpoint,
} from "./connection-failure.js";
import { settingsProblems } from "./settings-problems.js";

/** What `POST /api/bots/test-connection` answers: the bot's settings, or why there are none. */
export type ConnectionTestResult =
  | { ok: true; duration_ms: number; http_status: number; settings: SettingsResponse }
  | { ok: false; duration_ms: number; http_status: number | null; error: ConnectionFailure };

/** What to test, and through which client (so the platform's address rules apply). */
export interface ConnectionTestOptions {
  url: string;
  /** The bot's key; without one, a random key is sent (and a bot that checks keys refuses it). */
  accessKey?: string | undefined;
  outbound: OutboundClient;
  clock?: () => number;
  /** How long the bot has to answer once connected. Default 10 s, the platform's own. */
  firstByteTimeoutMs?: number;
}

/**
 * Sends a bot one `settings` request, exactly as the platform would, and says what came back in
 * words its author can act on: the settings, or which of the usual mistakes it is.
 */
export async function testBotConnection(
  options: ConnectionTestOptions,
): Promise<ConnectionTestResult> {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const endpoint = endpointOf(options.url);
  const send = createBotRequestSender({
    url: options.url,
    outbound: options.outbound,
    userAgent: "Parlor connection test (Poe protocol 1.2)",
    totalTimeoutMs: 15_000,
  });
  const key = options.accessKey ?? generateAccessKey();
  const failed = (status: number | null, error: ConnectionFailure): ConnectionTestResult => ({
    ok: false,
    duration_ms: clock() - started,
    http_status: status,
    error,
  });
  let response: OutboundResponse;
  try {
    response = await send({ version: PROTOCOL_VERSION, type: "settings" }, key, {
      firstByteTimeoutMs: options.firstByteTimeoutMs ?? 10_000,
    });
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    // A URL the client cannot even parse is a mistake in the form, not in the bot.
    if (error.code === "invalid_url") throw refusedField("url", error.message);
    return failed(error.status ?? null, connectionFailure(error, endpoint));
  }
  const status = response.status;
  const answer = await readAnswer(response, endpoint, options.accessKey !== undefined);
  if ("kind" in answer) return failed(status, answer);
  return { ok: true, duration_ms: clock() - started, http_status: status, settings: answer };
}

/** The settings in a response, or what is wrong with it. */
async function readAnswer(
  response: OutboundResponse,
  endpoint: Endpoint,
  keyGiven: boolean,
): Promise<SettingsResponse | ConnectionFailure> {
  const at = `${endpoint.host} port ${endpoint.port}`;
  if (response.status === 401 || response.status === 403) {
    const fix = keyGiven
      ? "start the bot with the access key shown for it here, or paste the key it has"
      : "no key was sent with this test, so paste the bot's access key and test again";
    return {
      kind: "unauthorized",
      message: `${at} answered ${await describeStatus(response)}: the bot refused the access key; ${fix}.`,
    };
  }
  if (response.status !== 200) {
    return {
      kind: "http",
      message: `${at} answered ${await describeStatus(response)} to a settings request; a bot must answer 200 with its settings as JSON. Check the path in the URL, and the bot's own log.`,
    };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (error instanceof OutboundError) return connectionFailure(error, endpoint);
    throw error;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const start = text.trim().slice(0, 60);
    return {
      kind: "malformed",
      message: `${at} answered 200, but the body is not JSON (${start ? `it starts ${JSON.stringify(start)}` : "it is empty"}); a settings reply is a JSON object such as {"introduction_message": "Hi"}.`,
    };
  }
  const parsed = settingsResponseSchema.safeParse(body);
  if (!parsed.success) {
    return {
      kind: "malformed",
      message: `${at} answered 200 with settings that are not valid (${settingsProblems(parsed.error)}); the platform would keep the default settings.`,
    };
  }
  return parsed.data;
}
