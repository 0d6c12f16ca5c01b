import { z } from "zod";
import type { Config } from "../../config/config.js";
import { webOrigin } from "../../config/web-origin.js";
import { InvalidRequestError } from "../../errors.js";
import type { Store } from "../../store/store.js";

const SETTING_KEY = "cors_origins";
const storedSchema = z.array(z.string());

/** The most origins an admin may list; a list this long is already a mistake. */
export const MAX_CORS_ORIGINS = 100;

/** How long a read of the admin's list is trusted: another instance's change shows this late. */
const CACHE_TTL_MS = 1000;

/** The origins that may call `/v1` from a browser, by where they are set. */
export interface CorsOriginsSetting {
  /** From `PARLOR_CORS_ORIGINS`; only the operator changes these. */
  environment: string[];
  /** Listed by an admin, kept in the settings table. */
  admin: string[];
}

/**
 * Which browser origins may call the OpenAI-compatible API: those of `PARLOR_CORS_ORIGINS`
 * and those an admin lists. The admin's list is read at most once a second per instance (a
 * change here is seen at once), since every cross-origin request asks.
 */
export function createCorsOrigins(deps: {
  store: Store;
  config: Pick<Config, "corsOrigins">;
  clock: () => number;
}) {
  const { store, config, clock } = deps;
  let cached: { allowed: ReadonlySet<string>; expiresAt: number } | undefined;

  async function adminOrigins(): Promise<string[]> {
    const stored = storedSchema.safeParse(await store.settings.get(SETTING_KEY));
    return stored.success ? stored.data : [];
  }

  return {
    async current(): Promise<CorsOriginsSetting> {
      return { environment: config.corsOrigins, admin: await adminOrigins() };
    },
    /** Whether a request's `Origin` header names an allowed origin (exactly, as sent). */
    async allows(origin: string): Promise<boolean> {
      if (!cached || cached.expiresAt <= clock()) {
        const allowed = new Set([...config.corsOrigins, ...(await adminOrigins())]);
        cached = { allowed, expiresAt: clock() + CACHE_TTL_MS };
      }
      return cached.allowed.has(origin);
    },
    /** Replaces the admin's list; each entry must be an origin (`https://host[:port]`). */
    async set(origins: string[]): Promise<CorsOriginsSetting> {
      const normalized = origins.map((value, index) => {
        const origin = webOrigin(value);
        if (origin === undefined) {
          throw new InvalidRequestError(
            `'${value.slice(0, 200)}' is not a web origin: write it as https://host or http://host:port, without a path or wildcard`,
            { field: `origins.${index}` },
          );
        }
        return origin;
      });
      const unique = [...new Set(normalized)];
      await store.settings.set(SETTING_KEY, unique, clock());
      cached = undefined;
      return { environment: config.corsOrigins, admin: unique };
    },
  };
}

/** The CORS origins service. */
export type CorsOrigins = ReturnType<typeof createCorsOrigins>;
