import { isIP } from "node:net";

/** Where a development platform listens unless HOST says otherwise: this machine only. */
export const DEVELOPMENT_HOST = "127.0.0.1";

/** Where a production platform listens unless HOST says otherwise: every interface. */
export const PRODUCTION_HOST = "0.0.0.0";

/**
 * Whether only this machine can reach an address: 127.0.0.0/8, ::1 or `localhost`. Anything
 * else (0.0.0.0, ::, a LAN address) is reachable by other machines.
 */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (lower === "localhost") return true;
  if (isIP(lower) === 4) return lower.startsWith("127.");
  return lower === "::1" || lower === "0:0:0:0:0:0:0:1";
}

/**
 * The problem with listening on `host` in this environment, or undefined. Development mode
 * relaxes checks meant for a trusted machine, so it must not be reachable from other machines.
 */
export function listenHostProblem(
  host: string,
  environment: "development" | "production",
): string | undefined {
  if (environment === "production" || isLoopbackHost(host)) return undefined;
  return (
    `${host} would listen on other interfaces, which needs production settings: ` +
    `set PARLOR_ENV=production (and PARLOR_PUBLIC_URL), or leave HOST unset to listen on ${DEVELOPMENT_HOST} only`
  );
}
