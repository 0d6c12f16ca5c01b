import type { LiveQuery } from "../relay/live-queries.js";

// Nested queries know their caller, so one user message's call budget covers the whole tree.
// Keyed by the live query objects themselves: entries vanish with them.
const parents = new WeakMap<LiveQuery, LiveQuery>();

/** Records that `child` runs because `parent` called it. */
export function linkToParent(child: LiveQuery, parent: LiveQuery): void {
  parents.set(child, parent);
}

/** The query and every query above it, caller first, the user's own message last. */
export function ancestry(query: LiveQuery): LiveQuery[] {
  const chain = [query];
  for (let current = parents.get(query); current; current = parents.get(current)) {
    chain.push(current);
  }
  return chain;
}
