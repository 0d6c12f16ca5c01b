import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { Database } from "./schema.js";

/**
 * A query built and compiled once, then run with new values: building a Kysely query (its
 * immutable node tree) costs several times more than compiling and running it, and the hottest
 * lookups (a key, a session, a bot) have one shape each. `build` receives placeholders where
 * the values go; each call runs the compiled SQL with its own arguments in their places.
 */
export function reusableQuery<Row, Args extends unknown[]>(
  db: Kysely<Database>,
  build: (...placeholders: Args) => Compilable<Row>,
): (...args: Args) => Promise<Row[]> {
  // One unique marker per parameter `build` declares, so a constant that happens to equal an
  // argument is never replaced.
  const markers = Array.from(
    { length: build.length },
    (_, i) => `\u0000parlor-arg-${i}\u0000`,
  ) as Args;
  let compiled: CompiledQuery<Row> | undefined;
  let positions: number[] | undefined;
  return async (...args) => {
    if (!compiled || !positions) {
      compiled = build(...markers).compile();
      positions = compiled.parameters.map((value) => markers.indexOf(value));
    }
    const template = compiled;
    const parameters = positions.map((at, i) => (at === -1 ? template.parameters[i] : args[at]));
    const result = await db.executeQuery<Row>({ ...template, parameters });
    return result.rows;
  };
}
