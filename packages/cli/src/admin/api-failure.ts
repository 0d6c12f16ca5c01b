import { CliError } from "../cli-error.js";
import type { ApiResponse } from "./api-client.js";

/** The platform's own sentence for an error, when its body has one. */
function messageOf(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = body.error;
  if (typeof error === "object" && error !== null && "message" in error)
    return typeof error.message === "string" ? error.message : undefined;
  return undefined;
}

/** What a failed request says to the user, and what a 404 means for this request. */
export interface FailureContext {
  method: string;
  path: string;
  target: string;
  remote: boolean;
  /** The message for a 404 of an existing route, e.g. "No such user: x@example.com". */
  notFound?: string;
}

/**
 * Turns an error answer into one line the user can act on: a refused key, a missing feature
 * (an older platform), a missing object, or the platform's own message, which is written for
 * users already.
 */
export function apiFailure(response: ApiResponse, context: FailureContext): CliError {
  const message = messageOf(response.body);
  if (response.status === 401) {
    return new CliError(
      "The API key was refused: it is wrong or revoked, or its account is disabled",
    );
  }
  if (response.status === 404 && message?.startsWith("No such route")) {
    const where = context.remote ? `The platform at ${context.target}` : "This version of Parlor";
    return new CliError(
      `${where} does not have this yet (${context.method} ${context.path} is not there); update it`,
    );
  }
  if (response.status === 404 && context.notFound) return new CliError(context.notFound);
  return new CliError(message ?? `The platform answered HTTP ${response.status}`);
}
