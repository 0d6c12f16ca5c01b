import { defineBot, errorResponse } from "@parlor/sdk";
import { createBotTestServer, type BotTestServer } from "@parlor/sdk/testing";
import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import {
  registerServerBot,
  startApiTest,
  type ApiTestContext,
} from "../poe-api/testing/api-test-helpers.js";

describe("the OpenAI-compatible API (/v1)", () => {
  let test: ApiTestContext | undefined;
  let server: BotTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    await test?.platform.dispose();
    test = server = undefined;
  });

  const client = (apiKey: string) =>
    new OpenAI({ apiKey, baseURL: `${test!.platform.url}/v1`, maxRetries: 0 });

  it("lists the bots the key's user may use as models", async () => {
    test = await startApiTest();
    const models = [];
    for await (const model of client(test.apiKey).models.list()) models.push(model);
    expect(models).toContainEqual(
      expect.objectContaining({ id: "echo", object: "model", owned_by: "parlor" }),
    );
    expect((await client(test.apiKey).models.retrieve("echo")).id).toBe("echo");
  });

  it("answers a non-streaming completion from echo with the official openai package", async () => {
    test = await startApiTest();
    const completion = await client(test.apiKey).chat.completions.create({
      model: "echo",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "hello" },
      ],
      temperature: 0.2,
      stop: ["\n\n"],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.model).toBe("echo");
    expect(completion.choices[0]).toMatchObject({
      index: 0,
      message: { role: "assistant", content: "hello" },
      finish_reason: "stop",
    });
  });

  it("streams a completion as chat.completion.chunk events ending with [DONE]", async () => {
    test = await startApiTest();
    const stream = await client(test.apiKey).chat.completions.create({
      model: "echo",
      messages: [{ role: "user", content: "hello streaming world" }],
      stream: true,
    });
    let text = "";
    const finishes: (string | null)[] = [];
    for await (const chunk of stream) {
      expect(chunk.object).toBe("chat.completion.chunk");
      text += chunk.choices[0]?.delta.content ?? "";
      finishes.push(chunk.choices[0]?.finish_reason ?? null);
    }
    expect(text).toBe("hello streaming world");
    expect(finishes.at(-1)).toBe("stop");

    const raw = await fetch(`${test.platform.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${test.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({
        model: "echo",
        messages: [{ role: "user", content: "x" }],
        stream: true,
      }),
    });
    expect(raw.headers.get("content-type")).toContain("text/event-stream");
    expect((await raw.text()).endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("turns a bot's error into an OpenAI error, streaming or not", async () => {
    test = await startApiTest();
    server = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield errorResponse("The moon is not available", { allowRetry: false });
        },
      }),
    );
    await registerServerBot(test.user, {
      handle: "broken",
      serverUrl: server.url,
      accessKey: server.accessKey,
    });
    const openai = client(test.apiKey);
    const messages = [{ role: "user" as const, content: "hi" }];
    const failure = await openai.chat.completions
      .create({ model: "broken", messages })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect((failure as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((failure as Error).message).toContain("The moon is not available");

    const stream = await openai.chat.completions.create({
      model: "broken",
      messages,
      stream: true,
    });
    const streamed = await (async () => {
      for await (const _ of stream);
    })().catch((error: unknown) => error);
    expect(streamed).toBeInstanceOf(OpenAI.APIError);
    expect((streamed as Error).message).toContain("The moon is not available");
  });

  it("answers a bad key with 401 and an unknown model with 404, OpenAI-shaped", async () => {
    test = await startApiTest();
    const badKey = await client("pk_wrong")
      .chat.completions.create({ model: "echo", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(badKey).toBeInstanceOf(OpenAI.AuthenticationError);

    const unknown = await client(test.apiKey)
      .chat.completions.create({ model: "no-such-bot", messages: [{ role: "user", content: "x" }] })
      .catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
    expect((unknown as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");

    const raw = await fetch(`${test.platform.url}/v1/models`, {
      headers: { authorization: "Bearer nope" },
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({
      error: {
        message: expect.stringContaining("Incorrect API key provided") as string,
        type: "invalid_request_error",
        code: "invalid_api_key",
        param: null,
      },
    });
    const invalid = await fetch(`${test.platform.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${test.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "echo", messages: [] }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({
      error: { type: "invalid_request_error", param: "messages" },
    });
  });

  it("answers every /v1 error OpenAI-shaped: body cap, bad JSON, unknown path, user's rate", async () => {
    test = await startApiTest({ env: { PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "1" } });
    const openai = client(test.apiKey);
    const ask = (content: string) =>
      openai.chat.completions.create({ model: "echo", messages: [{ role: "user", content }] });

    await expect(ask("x".repeat(5 * 1024 * 1024))).rejects.toMatchObject({
      status: 413,
      type: "invalid_request_error",
      code: "payload_too_large",
      param: null,
    });
    const badJson = await fetch(`${test.platform.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${test.apiKey}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      error: {
        message: "The request body must be JSON",
        type: "invalid_request_error",
        code: "invalid_request",
        param: null,
      },
    });
    await expect(openai.get("/no-such-thing")).rejects.toMatchObject({
      status: 404,
      type: "invalid_request_error",
      code: "not_found",
      message: expect.stringContaining("No such route: GET /v1/no-such-thing") as string,
    });

    // One call a minute per user: the second is the user's own limit, not the model's.
    await ask("hi");
    const limited = await ask("again").catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited).toMatchObject({ type: "rate_limit_error", code: "rate_limited" });
    const headers = (limited as InstanceType<typeof OpenAI.RateLimitError>).headers;
    expect(Number(headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("limits each model on its own bucket, with an OpenAI-shaped 429", async () => {
    test = await startApiTest({ env: { PARLOR_RATE_LIMIT_BOT_QUERIES_PER_MINUTE: "1" } });
    server = await createBotTestServer(
      defineBot({
        async *onQuery() {
          yield "pong";
        },
      }),
    );
    await test.user.json("POST", "/api/bots", {
      handle: "pong",
      server_url: server.url,
      access_key: server.accessKey,
      visibility: "public",
    });
    // One call a minute per user, ten users' worth per model.
    const keys: string[] = [];
    for (let i = 0; i < 12; i++) {
      const user = await test.platform.signUp(`caller${i}@example.com`);
      keys.push((await user.json<{ key: string }>("POST", "/api/keys", { name: "k" })).key);
    }
    const ask = (key: string, model: string) =>
      client(key).chat.completions.create({ model, messages: [{ role: "user", content: "hi" }] });
    for (const key of keys.slice(0, 10)) await ask(key, "echo");
    await expect(ask(keys[10]!, "echo")).rejects.toMatchObject({
      status: 429,
      type: "rate_limit_error",
    });
    // Another model is not held back by echo's popularity.
    expect((await ask(keys[11]!, "pong")).choices[0]?.message.content).toBe("pong");
  });
});
