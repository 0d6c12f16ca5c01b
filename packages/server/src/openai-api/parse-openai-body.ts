import type { z } from "zod";
import { plainIssueMessage } from "../input/plain-issue-message.js";
import { OpenAIError } from "./openai-error.js";

/** Parses a `/v1` request body, or answers 400 naming the first wrong field as OpenAI does. */
export function parseOpenAIBody<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(body, { error: plainIssueMessage });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue?.path.join(".") || null;
  throw new OpenAIError(400, `Invalid request: ${param ?? "the body"} ${issue?.message}`, {
    code: "invalid_request",
    param,
  });
}
