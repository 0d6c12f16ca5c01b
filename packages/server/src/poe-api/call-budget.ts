import type { LiveQuery } from "../relay/live-queries.js";
import { botCallErrors } from "./bot-call-errors.js";
import { ancestry } from "./live-query-tree.js";

/**
 * Checks that `caller` may call `target` now and counts the call: the target is declared, not
 * already on the call path, its per-message count is not spent, and the user message has not
 * caused `maxCalls` calls yet. Synchronous, so no other call can slip in between check and count.
 */
export function chargeBotCall(caller: LiveQuery, target: string, maxCalls: number): void {
  const allowed = caller.dependencies[target];
  if (allowed === undefined) throw botCallErrors.undeclared(caller.botHandle, target);
  if (caller.path.includes(target)) throw botCallErrors.loop([...caller.path, target]);
  if ((caller.calls.get(target) ?? 0) >= allowed) {
    throw botCallErrors.dependencyBudget(caller.botHandle, target, allowed);
  }
  const chain = ancestry(caller);
  if (chain.some((query) => query.totalCalls >= maxCalls)) {
    throw botCallErrors.messageBudget(caller.botHandle, maxCalls);
  }
  caller.calls.set(target, (caller.calls.get(target) ?? 0) + 1);
  for (const query of chain) query.totalCalls++;
}
