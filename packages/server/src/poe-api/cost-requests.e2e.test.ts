import { authorizeCost, captureCost, CostRequestError, defineBot } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  chatWith,
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "./testing/api-test-helpers.js";

describe("costs (POST /bot/cost/<bot_query_id>/authorize|capture)", () => {
  let test: ApiTestContext | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    test = server = undefined;
  });

  it("records an authorize and a capture a bot makes while it answers", async () => {
    test = await startApiTest();
    const base = test.botBaseUrl;
    let wrongKeyError: unknown;
    server = await createBotTestServer(
      defineBot({
        async *onQuery(request) {
          await authorizeCost(request, { amount_usd_milli_cents: 250.2 }, request.access_key, {
            baseUrl: base,
          });
          yield "working… ";
          await captureCost(
            request,
            [
              { amount_usd_milli_cents: 100, description: "tokens" },
              { amount_usd_milli_cents: 20 },
            ],
            request.access_key,
            { baseUrl: base },
          );
          wrongKeyError = await captureCost(
            request,
            { amount_usd_milli_cents: 1 },
            "Z".repeat(32),
            {
              baseUrl: base,
            },
          ).catch((error: unknown) => error);
          yield "paid";
        },
      }),
    );
    await registerServerBot(test.user, {
      handle: "paid",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const reply = await chatWith(test.user, "paid", "do it");
    expect(reply).toMatchObject({ status: "complete", text: "working… paid" });
    expect(wrongKeyError).toBeInstanceOf(CostRequestError);
    expect((wrongKeyError as Error).message).toContain("401");
    expect((wrongKeyError as Error).message).toContain("Invalid access key for bot 'paid'");

    const { store } = test.platform.platform;
    const bot = await store.bots.findByHandle("paid");
    const rows = await store.costRequests.listForMessage(reply.messageId);
    expect(
      rows.map((row) => [row.kind, row.bot_id, JSON.parse(row.amounts_json) as unknown]),
    ).toEqual([
      ["authorize", bot!.id, [{ amount_usd_milli_cents: 251 }]],
      [
        "capture",
        bot!.id,
        [{ amount_usd_milli_cents: 100, description: "tokens" }, { amount_usd_milli_cents: 20 }],
      ],
    ]);
  });

  it("answers 404 for a bot_query_id that is not being answered", async () => {
    test = await startApiTest();
    const error = await authorizeCost(
      { bot_query_id: "finished-long-ago" },
      { amount_usd_milli_cents: 5 },
      "K".repeat(32),
      { baseUrl: test.botBaseUrl },
    ).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(CostRequestError);
    expect((error as Error).message).toContain("404");
    expect((error as Error).message).toContain(
      "No query 'finished-long-ago' is being answered now",
    );
  });
});
