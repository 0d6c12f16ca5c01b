import { developmentSwitches, type Config } from "@parlor/server";

/**
 * The plain lines `parlor start` prints after its URL: where it can be reached from, and every
 * development switch that is on, so neither is a surprise later.
 */
export function startNotices(config: Config): string[] {
  const notices: string[] = [];
  if (config.environment === "development") {
    notices.push(
      `Listening on ${config.host} only; set PARLOR_ENV=production (and HOST=0.0.0.0) to listen on other interfaces.`,
    );
  }
  for (const name of developmentSwitches(config)) {
    notices.push(
      `Warning: ${name} is on (a development switch); do not use it on a shared server.`,
    );
  }
  return notices;
}
