import {
  JSON_REPLY_TIMEOUT_MS,
  PROTOCOL_VERSION,
  TOTAL_REPLY_TIMEOUT_MS,
  settingsResponseSchema,
} from "@parlor/protocol";
import { webhookHeaders, webhookSecretFromAccessKey } from "@parlor/sdk";
import { randomUUID } from "node:crypto";
import { OutboundError, type OutboundClient, type OutboundResponse } from "../outbound/index.js";
import { BotCallError, type BotReplyStream, type BotRunner } from "./bot-runner.js";
import { readJsonReply, readSseReply } from "./server-reply-readers.js";

/** Where a server bot lives and how to authenticate to it. */
export interface ServerBotTarget {
  url: string;
  accessKey: string;
}

/** Reads at most `limit` characters of a body, for error messages. */
async function snippet(response: OutboundResponse, limit = 300): Promise<string> {
  try {
    const text = await response.text();
    return text.length > limit ? `${text.slice(0, limit)}…` : text;
  } catch {
    return "";
  }
}

/**
 * Calls a server bot over HTTP through the SSRF-safe outbound client. Every request carries
 * Poe's `Authorization: Bearer <access key>` and Standard Webhooks signature headers (signed
 * with a secret derived from the access key), so fastapi_poe bots work and SDK bots can verify.
 */
export function createServerBotRunner(
  target: ServerBotTarget,
  outbound: OutboundClient,
): BotRunner {
  const secret = webhookSecretFromAccessKey(target.accessKey);
  const post = async (
    body: unknown,
    signal: AbortSignal | undefined,
    accept: string,
    firstByteTimeoutMs: number,
  ) => {
    try {
      return await send(JSON.stringify(body), signal, accept, firstByteTimeoutMs);
    } catch (error) {
      // A refused address or a bad URL will not get better on retry; a dropped connection may.
      if (error instanceof OutboundError) {
        throw new BotCallError(error.message, error.isRetryable, undefined, {
          timedOut: error.isTimeout,
        });
      }
      throw error;
    }
  };
  const send = (
    text: string,
    signal: AbortSignal | undefined,
    accept: string,
    firstByteTimeoutMs: number,
  ) => {
    return outbound.request({
      url: target.url,
      method: "POST",
      headers: {
        authorization: `Bearer ${target.accessKey}`,
        "content-type": "application/json",
        accept,
        "user-agent": "Parlor (Poe protocol 1.2)",
        ...webhookHeaders({ secret, id: `msg_${randomUUID()}`, body: text }),
      },
      body: text,
      ...(signal ? { signal } : {}),
      firstByteTimeoutMs,
      // A little past the dispatcher's own 10-minute limit, so that its words ("the bot took
      // longer than 10 minutes") reach the user, not the HTTP client's.
      totalTimeoutMs: TOTAL_REPLY_TIMEOUT_MS + 5_000,
    });
  };

  return {
    async query(request, signal): Promise<BotReplyStream> {
      // Headers may come late only for a JSON reply (30 s); the 5 s first-event rule for
      // streams and the 30 s rule for JSON are enforced by the dispatcher, which sees both.
      const response = await post(
        request,
        signal,
        "text/event-stream, application/json",
        JSON_REPLY_TIMEOUT_MS,
      );
      if (response.status !== 200) {
        const body = await snippet(response);
        throw new BotCallError(
          `The bot answered HTTP ${response.status}${body ? `: ${body}` : ""}`,
          response.status >= 500 || response.status === 429,
          response.status,
        );
      }
      const encoding = String(response.headers["content-encoding"] ?? "identity").toLowerCase();
      if (encoding !== "identity") {
        // Never asked for (no Accept-Encoding is sent), and a compressed body could be a bomb.
        response.cancel();
        throw new BotCallError(
          `The bot compressed its reply (content-encoding: ${encoding}), which the platform did not ask for; it must send it uncompressed`,
          false,
          200,
        );
      }
      const contentType = String(response.headers["content-type"] ?? "").toLowerCase();
      if (contentType.startsWith("text/event-stream")) {
        return { status: 200, format: "sse", read: readSseReply(response) };
      }
      if (contentType.startsWith("application/json")) {
        // Not read here: the dispatcher must learn the format first, to give it 30 s, not 5 s.
        return { status: 200, format: "json", read: readJsonReply(response) };
      }
      response.cancel();
      throw new BotCallError(
        `The bot answered with content type "${contentType || "none"}"; expected text/event-stream or application/json`,
        false,
        200,
      );
    },

    async settings(signal) {
      const response = await post(
        { version: PROTOCOL_VERSION, type: "settings" },
        signal,
        "application/json",
        10_000,
      );
      if (response.status !== 200) {
        throw new BotCallError(
          `Settings request answered HTTP ${response.status}: ${await snippet(response)}`,
          false,
          response.status,
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(await response.text());
      } catch {
        throw new BotCallError("Settings reply is not valid JSON", false, 200);
      }
      const parsed = settingsResponseSchema.safeParse(body);
      if (!parsed.success)
        throw new BotCallError(`Settings reply is invalid: ${parsed.error.message}`, false, 200);
      return parsed.data;
    },

    async report(request) {
      try {
        const response = await post(request, undefined, "application/json", 10_000);
        response.cancel();
      } catch {
        // Reports are best-effort, as in the protocol: a bot that cannot take one loses nothing.
      }
    },
  };
}
