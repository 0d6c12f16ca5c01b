import type { Context } from "hono";
import { parseCspReport } from "../../csp/csp-violation.js";
import { InvalidRequestError, PlatformError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { parseJsonWithinDepth } from "../parse-json-within-depth.js";
import { requestHeader } from "../request-header.js";

/** The content types browsers send reports with (plain JSON is tolerated). */
const REPORT_TYPES = ["application/csp-report", "application/reports+json", "application/json"];

/**
 * `POST /api/csp-report`: browsers post Content-Security-Policy violations here, with no
 * credentials and from any context, so it runs before authentication and the CSRF check. The
 * report is counted and logged (never with cookies or headers) and answered 204.
 */
export async function handleCspReport(context: Context<AppEnv>): Promise<Response> {
  const type = (requestHeader(context, "content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!REPORT_TYPES.includes(type)) {
    throw new PlatformError(
      "unsupported_media_type",
      415,
      "Send the report as application/csp-report or application/reports+json",
    );
  }
  const body = parseJsonWithinDepth(await context.req.text());
  const violations = parseCspReport(body);
  if (!violations)
    throw new InvalidRequestError(
      'Not a CSP report: send {"csp-report": {…}} or a list of reports',
    );
  context.var.platform.cspReports.record(violations);
  return context.body(null, 204);
}
