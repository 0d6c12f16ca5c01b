import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PlatformError } from "../errors.js";

/** OpenAI's error `type` values, as its SDKs and clients expect them. */
export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "rate_limit_error"
  | "insufficient_quota"
  | "server_error";

/** An error with OpenAI's `type` and `param`, for the `/v1` API. */
export class OpenAIError extends PlatformError {
  readonly type: OpenAIErrorType;
  readonly param: string | null;

  constructor(
    status: number,
    message: string,
    details: {
      type?: OpenAIErrorType;
      code: string;
      param?: string | null;
      headers?: Record<string, string>;
    },
  ) {
    super(details.code, status, message, details.headers ? { headers: details.headers } : {});
    this.type = details.type ?? "invalid_request_error";
    this.param = details.param ?? null;
  }
}

/** Whether a request is for the OpenAI-compatible API, whose every error is OpenAI-shaped. */
export function isOpenAIPath(path: string): boolean {
  return path === "/v1" || path.startsWith("/v1/");
}

function typeForStatus(status: number): OpenAIErrorType {
  if (status === 403) return "permission_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/**
 * How `/v1` answers every error, its handlers' and the app's (body cap, unknown path): OpenAI's
 * `{error: {message, type, code, param}}`, so OpenAI clients raise their usual exceptions.
 * Unexpected errors are logged and answered with a generic 500.
 */
export function openaiErrorResponse(
  context: Context,
  error: unknown,
  log: (error: unknown) => void,
): Response {
  if (!(error instanceof PlatformError)) {
    log(error);
    return context.json(
      {
        error: {
          message: "Something went wrong on our side",
          type: "server_error",
          code: "internal_error",
          param: null,
        },
      },
      500,
    );
  }
  for (const [name, value] of Object.entries(error.headers)) context.header(name, value);
  const openai = error instanceof OpenAIError ? error : undefined;
  return context.json(
    {
      error: {
        message: error.message,
        type: openai?.type ?? typeForStatus(error.status),
        code: error.code,
        param: openai?.param ?? error.field ?? null,
      },
    },
    error.status as ContentfulStatusCode,
  );
}
