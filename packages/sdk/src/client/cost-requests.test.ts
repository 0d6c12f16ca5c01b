import { afterEach, describe, expect, it } from "vitest";
import { CostRequestError, InsufficientFundError } from "../errors.js";
import { authorizeCost, captureCost } from "./cost-requests.js";
import {
  encodeEvents,
  sendSse,
  startFakePlatform,
  type FakePlatform,
  type PlatformHandler,
} from "./testing/fake-platform.js";

const platforms: FakePlatform[] = [];
afterEach(async () => {
  await Promise.all(platforms.splice(0).map((platform) => platform.close()));
});

async function start(handler: PlatformHandler) {
  const platform = await startFakePlatform(handler);
  platforms.push(platform);
  return platform;
}

const result =
  (status: string): PlatformHandler =>
  (_request, response) =>
    sendSse(response, encodeEvents([["result", { status }]]));
const request = { bot_query_id: "bq-123" };

describe("authorizeCost and captureCost", () => {
  it("post the amounts and the access key to cost/<bot_query_id>/authorize and /capture", async () => {
    const platform = await start(result("success"));
    const options = { baseUrl: platform.botBaseUrl };
    await authorizeCost(
      request,
      { amount_usd_milli_cents: 10.2, description: "estimate" },
      "access-key",
      options,
    );
    await captureCost(request, [{ amount_usd_milli_cents: 7 }], "access-key", options);
    expect(platform.requests.map((recorded) => [recorded.method, recorded.path])).toEqual([
      ["POST", "/bot/cost/bq-123/authorize"],
      ["POST", "/bot/cost/bq-123/capture"],
    ]);
    expect(platform.requests.map((recorded) => recorded.json())).toEqual([
      // Fractions of a milli-cent are rounded up.
      {
        amounts: [{ amount_usd_milli_cents: 11, description: "estimate" }],
        access_key: "access-key",
      },
      { amounts: [{ amount_usd_milli_cents: 7 }], access_key: "access-key" },
    ]);
  });

  it("throws InsufficientFundError when the result is not a success", async () => {
    const platform = await start(result("insufficient_funds"));
    await expect(
      authorizeCost(request, { amount_usd_milli_cents: 1 }, "k", { baseUrl: platform.botBaseUrl }),
    ).rejects.toBeInstanceOf(InsufficientFundError);
  });

  it("throws CostRequestError with status, reason and the platform's messages on a non-200", async () => {
    const platform = await start((_request, response) =>
      sendSse(
        response,
        encodeEvents([
          ["error", { message: "Unknown " }],
          ["error", { message: "bot_query_id" }],
        ]),
        400,
      ),
    );
    await expect(
      captureCost(request, { amount_usd_milli_cents: 1 }, "k", { baseUrl: platform.botBaseUrl }),
    ).rejects.toThrow(new CostRequestError("400 Bad Request: Unknown bot_query_id"));
  });

  it("fails closed when the platform gives no result", async () => {
    const platform = await start((_request, response) => sendSse(response, ""));
    await expect(
      authorizeCost(request, { amount_usd_milli_cents: 1 }, "k", { baseUrl: platform.botBaseUrl }),
    ).rejects.toBeInstanceOf(CostRequestError);
  });

  it("rejects amounts that are not numbers before calling the platform", async () => {
    const platform = await start(result("success"));
    const amounts = [{ amount_usd_milli_cents: "5" as unknown as number }];
    await expect(
      authorizeCost(request, amounts, "k", { baseUrl: platform.botBaseUrl }),
    ).rejects.toThrow(TypeError);
    expect(platform.requests).toHaveLength(0);
  });
});
