import { ForbiddenError, PlatformError, UnauthenticatedError } from "../errors.js";

/**
 * The refusals of the bot query API. fastapi_poe shows the body of a refused call to the bot's
 * developer, so each message says exactly what is wrong and how to fix it.
 */
export const botCallErrors = {
  missingKey: () =>
    new UnauthenticatedError(
      "Missing Authorization header: send 'Authorization: Bearer <user API key or bot access key>'",
    ),
  invalidKey: (detail?: string) =>
    new UnauthenticatedError(`Invalid API key or bot access key${detail ? `: ${detail}` : ""}`),
  unknownBot: (handle: string) => new PlatformError("unknown_bot", 404, `Unknown bot '${handle}'`),
  /** The same answer whether the bot does not exist or is another owner's private bot. */
  unknownDependency: (handle: string) =>
    new PlatformError(
      "unknown_bot",
      404,
      `Unknown bot '${handle}': a bot calling with its access key reaches public bots and its owner's own bots`,
    ),
  undeclared: (caller: string, target: string) =>
    new ForbiddenError(
      `Bot '${caller}' did not declare '${target}' in server_bot_dependencies`,
      "undeclared_dependency",
    ),
  loop: (path: readonly string[]) =>
    new ForbiddenError(`Call loop refused: ${path.join(" → ")}`, "call_loop"),
  dependencyBudget: (caller: string, target: string, allowed: number) =>
    new PlatformError(
      "dependency_budget_spent",
      429,
      `Dependency budget spent: '${caller}' may call '${target}' ${allowed} time${allowed === 1 ? "" : "s"} per message`,
    ),
  messageBudget: (caller: string, allowed: number) =>
    new PlatformError(
      "call_budget_spent",
      429,
      `Call budget spent: one user message may cause at most ${allowed} calls to other bots, and '${caller}' reached it`,
    ),
};
