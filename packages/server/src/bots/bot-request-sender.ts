import { webhookHeaders, webhookSecretFromAccessKey } from "@parlor/sdk";
import { randomUUID } from "node:crypto";
import type { OutboundClient } from "../outbound/index.js";
import type { ConformanceSend } from "./conformance-verdict.js";

/**
 * Sends protocol requests to a bot URL the way the platform calls bots: JSON, `Bearer <key>`
 * and Standard Webhooks signature headers (or no Authorization at all for a `null` key),
 * through the outbound client, so its address rules and caps apply.
 */
export function createBotRequestSender(options: {
  url: string;
  outbound: OutboundClient;
  /** Says who is calling in the bot's logs. */
  userAgent: string;
  totalTimeoutMs: number;
}): ConformanceSend {
  return (body, key, { accept = "application/json", ...rest } = {}) => {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept,
      "user-agent": options.userAgent,
    };
    if (key !== null) {
      headers.authorization = `Bearer ${key}`;
      const secret = webhookSecretFromAccessKey(key);
      Object.assign(headers, webhookHeaders({ secret, id: `msg_${randomUUID()}`, body: text }));
    }
    return options.outbound.request({
      url: options.url,
      method: "POST",
      headers,
      body: text,
      firstByteTimeoutMs: 10_000,
      totalTimeoutMs: options.totalTimeoutMs,
      ...rest,
    });
  };
}
