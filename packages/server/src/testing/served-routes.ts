/** One route the app answers: a method and a Hono path (`/api/bots/:handle`). */
export interface ServedRoute {
  method: string;
  path: string;
}

/** Every concrete path a Hono path stands for: each optional `:param?` present or not. */
export function expandOptional(path: string): string[] {
  let variants = [""];
  for (const segment of path.split("/").slice(1)) {
    const optional = segment.startsWith(":") && segment.endsWith("?");
    const present = variants.map(
      (variant) => `${variant}/${optional ? segment.slice(0, -1) : segment}`,
    );
    variants = optional ? [...variants, ...present] : present;
  }
  return variants.map((variant) => variant || "/");
}

/**
 * The API routes among a Hono app's `routes`, each optional parameter expanded: no middleware
 * (`ALL`) and not the web app's pages (every other GET, `/*`).
 */
export function servedRoutes(routes: readonly ServedRoute[]): ServedRoute[] {
  const served = new Map<string, ServedRoute>();
  for (const { method, path } of routes) {
    if (method === "ALL" || path === "/*") continue;
    for (const variant of expandOptional(path))
      served.set(`${method} ${variant}`, { method, path: variant });
  }
  return [...served.values()];
}
