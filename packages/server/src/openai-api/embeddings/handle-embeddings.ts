import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env.js";
import { chargeRateLimits } from "../../http/rate-limit.js";
import { readJson } from "../../http/read-json.js";
import { OpenAIError } from "../openai-error.js";
import { providerFailure } from "../provider-failure.js";
import { requireApiKey } from "../require-api-key.js";
import { base64Vector } from "./base64-vector.js";
import { parseEmbeddingsRequest } from "./embeddings-request.js";

/**
 * `POST /v1/embeddings`: OpenAI's embeddings API over the embedding models of the configured
 * providers (OpenAI and compatible servers, Gemini), for any user with an API key. Each call
 * counts as a bot query against the user's rate limit, and against the model's own bucket.
 */
export async function handleEmbeddings(context: Context<AppEnv>): Promise<Response> {
  const platform = context.var.platform;
  const actor = await requireApiKey(context);
  const request = parseEmbeddingsRequest(await readJson(context));
  const target = await platform.embeddingTargets?.embeddingTarget(request.model);
  if (!target?.provider.embed) {
    throw new OpenAIError(
      404,
      `The model '${request.model}' does not exist or is not an embedding model you can use.`,
      { code: "model_not_found", param: "model" },
    );
  }
  await chargeRateLimits(platform, "bot_query", {
    userId: actor.userId,
    botId: `embeddings:${request.model}`,
  });
  const result = await target.provider
    .embed(
      {
        model: target.model,
        input: request.input,
        ...(request.dimensions !== undefined && { dimensions: request.dimensions }),
      },
      context.req.raw.signal,
    )
    .catch((error: unknown) => {
      throw providerFailure(error);
    });
  const tokens = result.usage.input_tokens;
  return context.json({
    object: "list",
    data: result.vectors.map((vector, index) => ({
      object: "embedding",
      index,
      embedding: request.encodingFormat === "base64" ? base64Vector(vector) : vector,
    })),
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
