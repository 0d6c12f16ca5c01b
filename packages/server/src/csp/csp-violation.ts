import { z } from "zod";

/** One violation a browser reported, as the platform logs it. */
export interface CspViolation {
  /** The directive that blocked something, e.g. `img-src`. */
  directive: string;
  /** What was blocked: a URL without its query (which may carry leaked data), or a keyword (`inline`, `eval`). */
  blockedUrl: string;
  /** The page it happened on, without its query. */
  documentUrl: string;
  /** `enforce`, or `report` for a report-only policy. */
  disposition: string;
}

/** `report-uri`'s body (`application/csp-report`). */
const legacyReportSchema = z.object({
  "csp-report": z.looseObject({
    "effective-directive": z.string().optional(),
    "violated-directive": z.string().optional(),
    "blocked-uri": z.string().optional(),
    "document-uri": z.string().optional(),
    disposition: z.string().optional(),
  }),
});

/** The Reporting API's body (`application/reports+json`): reports of any type, in a list. */
const reportingApiSchema = z.array(
  z.looseObject({
    type: z.string(),
    body: z
      .looseObject({
        effectiveDirective: z.string().optional(),
        blockedURL: z.string().optional(),
        documentURL: z.string().optional(),
        disposition: z.string().optional(),
      })
      .optional(),
  }),
);

/** What the log keeps of a reported URL: no query or fragment, and not too much of it. */
function withoutQuery(value: string | undefined): string {
  if (!value) return "";
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:")
      return `${url.origin}${url.pathname}`.slice(0, 300);
    return url.protocol; // data:, blob:…: the scheme says enough, the rest may be the data
  } catch {
    return value.slice(0, 100);
  }
}

/** The directive's name alone: `violated-directive` may carry the whole policy line. */
const directiveName = (value: string | undefined) => (value ?? "").trim().split(/\s+/)[0] ?? "";

/**
 * The violations in a report body of either format; undefined when the body is neither. Other
 * report types of the Reporting API (deprecations, interventions) are left out.
 */
export function parseCspReport(body: unknown): CspViolation[] | undefined {
  const legacy = legacyReportSchema.safeParse(body);
  if (legacy.success) {
    const report = legacy.data["csp-report"];
    return [
      {
        directive: directiveName(report["effective-directive"] ?? report["violated-directive"]),
        blockedUrl: withoutQuery(report["blocked-uri"]),
        documentUrl: withoutQuery(report["document-uri"]),
        disposition: report.disposition ?? "enforce",
      },
    ];
  }
  const reports = reportingApiSchema.safeParse(body);
  if (!reports.success) return undefined;
  return reports.data
    .filter((report) => report.type === "csp-violation" && report.body)
    .map(({ body: report }) => ({
      directive: directiveName(report!.effectiveDirective),
      blockedUrl: withoutQuery(report!.blockedURL),
      documentUrl: withoutQuery(report!.documentURL),
      disposition: report!.disposition ?? "enforce",
    }));
}
