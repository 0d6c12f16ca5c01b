import type { LiveQueries, LiveQuery } from "../relay/live-queries.js";
import { botCallErrors } from "./bot-call-errors.js";

/**
 * Checks that `caller` may call `target` now and counts the call: the target is declared, not
 * already on the call path, its per-message count is not spent, and the user message has not
 * caused the most calls allowed yet (the count itself is atomic in the registry).
 */
export async function chargeBotCall(
  liveQueries: LiveQueries,
  caller: LiveQuery,
  target: string,
): Promise<void> {
  const allowed = caller.dependencies[target];
  if (allowed === undefined) throw botCallErrors.undeclared(caller.botHandle, target);
  if (caller.path.includes(target)) throw botCallErrors.loop([...caller.path, target]);
  const verdict = await liveQueries.count(caller, target, allowed);
  if (verdict === "dependency_budget")
    throw botCallErrors.dependencyBudget(caller.botHandle, target, allowed);
  if (verdict === "message_budget")
    throw botCallErrors.messageBudget(caller.botHandle, liveQueries.maxCallsPerMessage);
  if (verdict === "ended")
    throw botCallErrors.invalidKey(`the query of '${caller.botHandle}' has just been answered`);
}
