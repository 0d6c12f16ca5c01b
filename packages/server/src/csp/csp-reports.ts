import type { Logger } from "pino";
import type { Metrics } from "../metrics.js";
import type { CspViolation } from "./csp-violation.js";

/** Warnings logged per minute at most: anyone may post reports, and the log must stay readable. */
const MAX_LOGGED_PER_MINUTE = 60;

/** Directives the metric names; anything else a report claims is counted as `other`. */
const KNOWN_DIRECTIVES = new Set([
  "default-src",
  "script-src",
  "script-src-elem",
  "script-src-attr",
  "style-src",
  "style-src-elem",
  "style-src-attr",
  "img-src",
  "connect-src",
  "font-src",
  "object-src",
  "media-src",
  "frame-src",
  "child-src",
  "worker-src",
  "manifest-src",
  "form-action",
  "frame-ancestors",
  "base-uri",
  "require-trusted-types-for",
  "trusted-types",
]);

/**
 * Where browsers' Content-Security-Policy reports end up: each is counted in
 * `parlor_csp_reports_total` by directive and logged as a warning (at most
 * {@link MAX_LOGGED_PER_MINUTE} a minute, so a flood of posts cannot bury the log).
 */
export function createCspReports(deps: { logger: Logger; metrics: Metrics; clock: () => number }) {
  let windowStart = 0;
  let logged = 0;
  return {
    record(violations: readonly CspViolation[]): void {
      for (const violation of violations) {
        const directive = KNOWN_DIRECTIVES.has(violation.directive) ? violation.directive : "other";
        deps.metrics.increment("parlor_csp_reports_total", { directive });
        const now = deps.clock();
        if (now - windowStart >= 60_000) {
          windowStart = now;
          logged = 0;
        }
        logged++;
        if (logged <= MAX_LOGGED_PER_MINUTE) {
          deps.logger.warn(
            {
              directive: violation.directive,
              blocked_url: violation.blockedUrl,
              document_url: violation.documentUrl,
              disposition: violation.disposition,
            },
            "content security policy violation reported",
          );
        } else if (logged === MAX_LOGGED_PER_MINUTE + 1) {
          deps.logger.warn(
            "more CSP violations this minute: counted in parlor_csp_reports_total, not logged",
          );
        }
      }
    },
  };
}

/** The CSP report sink. */
export type CspReports = ReturnType<typeof createCspReports>;
