import { Hono } from "hono";
import type { AppEnv } from "../app-env.js";
import { handleEmbeddings } from "../../openai-api/embeddings/handle-embeddings.js";
import { handleChatCompletion } from "../../openai-api/handle-chat-completion.js";
import { modelFor, modelObject } from "../../openai-api/model-for.js";
import { requireApiKey } from "../../openai-api/require-api-key.js";

/**
 * The OpenAI-compatible API, for any client that speaks it (base URL `http://<host>/v1`, a
 * Parlor API key as the key, a bot's handle as the model). Errors are OpenAI-shaped
 * (app.ts answers them, with those of the body cap and of unknown paths).
 */
export const openaiRoutes = new Hono<AppEnv>()
  .get("/models", async (context) => {
    const actor = await requireApiKey(context);
    const bots = await context.var.platform.bots.listed(actor);
    return context.json({ object: "list", data: bots.map(modelObject) });
  })
  .get("/models/:model", async (context) => {
    const actor = await requireApiKey(context);
    return context.json(
      modelObject(await modelFor(context.var.platform, actor, context.req.param("model"))),
    );
  })
  .post("/chat/completions", handleChatCompletion)
  .post("/embeddings", handleEmbeddings);
