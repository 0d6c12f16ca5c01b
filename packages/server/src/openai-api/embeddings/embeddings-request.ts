import { z } from "zod";
import { OpenAIError } from "../openai-error.js";
import { parseOpenAIBody } from "../parse-openai-body.js";

/** OpenAI's own cap on the texts of one request. */
export const MAX_EMBEDDING_INPUTS = 2048;

const textSchema = z.string().min(1, "must not be empty");

/**
 * OpenAI's embeddings request; `user` and unknown fields are accepted and ignored. Token
 * arrays are refused before this schema, with their own message.
 */
const embeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  // One text is a list of one, so a wrong item is named by its place (`input.3`).
  input: z.preprocess(
    (input) => (typeof input === "string" ? [input] : input),
    z.array(textSchema).min(1).max(MAX_EMBEDDING_INPUTS),
  ),
  encoding_format: z.enum(["float", "base64"]).nullish(),
  dimensions: z.number().int().min(1).max(65_536).nullish(),
});

/** An embeddings request as parsed, its input always a list. */
export interface EmbeddingsRequest {
  model: string;
  input: string[];
  encodingFormat: "float" | "base64";
  dimensions: number | undefined;
}

function isTokenArray(input: unknown): boolean {
  if (!Array.isArray(input) || input.length === 0) return false;
  const first: unknown = input[0];
  return typeof first === "number" || Array.isArray(first);
}

/** Parses the body, or answers 400 naming the wrong field as OpenAI does. */
export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  const input = (body as { input?: unknown } | null)?.input;
  if (isTokenArray(input)) {
    throw new OpenAIError(
      400,
      "Token arrays are not supported: send 'input' as a string or an array of strings.",
      { code: "unsupported_input", param: "input" },
    );
  }
  const request = parseOpenAIBody(embeddingsRequestSchema, body);
  return {
    model: request.model,
    input: request.input,
    encodingFormat: request.encoding_format ?? "float",
    dimensions: request.dimensions ?? undefined,
  };
}
