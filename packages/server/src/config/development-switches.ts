import type { Config } from "./config.js";

/**
 * The settings that are on and make the platform less safe than its defaults, by variable
 * name. They are shown at start, on the admin page and in `/healthz`, so nobody forgets one.
 */
export function developmentSwitches(config: Pick<Config, "allowLoopbackBots">): string[] {
  return config.allowLoopbackBots ? ["PARLOR_ALLOW_LOOPBACK_BOTS"] : [];
}
