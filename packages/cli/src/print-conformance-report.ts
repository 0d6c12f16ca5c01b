import type { ConformanceCheck, ConformanceReport } from "@parlor/server";

function mark(check: ConformanceCheck): string {
  if (check.skipped) return "-";
  if (check.passed) return "✓";
  return check.warning ? "✗ (warning)" : "✗";
}

/** Prints one line per check and a verdict; resolves with the number of failed checks. */
export function printConformanceReport(report: ConformanceReport): number {
  for (const check of report.checks) {
    console.log(`${mark(check)} ${check.name}: ${check.detail}`);
  }
  const failures = report.checks.filter((check) => !check.passed).length;
  console.log(failures === 0 ? "All checks passed." : `${failures} check(s) failed.`);
  return failures;
}
