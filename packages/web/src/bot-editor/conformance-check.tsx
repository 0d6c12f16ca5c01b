import { useMutation } from "@tanstack/react-query";
import { checkBot, type ConformanceCheck } from "../api/bots.js";
import { Button } from "../ui/button.js";
import { ErrorNotice } from "../ui/notice.js";

/** "Check my bot": the conformance checks a real platform runs, as a list of passes and fails. */
export function ConformanceCheckButton({ url, accessKey }: { url: string; accessKey?: string }) {
  const check = useMutation({
    mutationFn: () => checkBot({ url: url.trim(), access_key: accessKey }),
  });
  const report = check.data;
  const failure = check.error ?? undefined;
  return (
    <div className="flex flex-col gap-2">
      <div>
        <Button disabled={check.isPending || !url.trim()} onClick={() => check.mutate()}>
          {check.isPending ? "Checking…" : "Check my bot"}
        </Button>
      </div>
      <div aria-live="polite">
        {failure !== undefined && <ErrorNotice error={failure} />}
        {report && (
          <div className="flex flex-col gap-2 rounded-lg border border-line p-3">
            <p className={`text-sm font-medium ${report.passed ? "text-success" : "text-danger"}`}>
              {report.passed
                ? "Your bot passed every check."
                : `${report.checks.filter((check) => !check.passed && !check.skipped).length} of ${report.checks.length} checks failed.`}
            </p>
            <ul aria-label="Conformance checks" className="flex flex-col gap-1.5">
              {report.checks.map((check) => (
                <li key={check.name} className="flex gap-2 text-sm">
                  <span aria-hidden="true" className={checkColour(check)}>
                    {check.skipped ? "–" : check.passed ? (check.warning ? "!" : "✓") : "✗"}
                  </span>
                  <span>
                    <span className="font-medium">{check.name}</span>
                    <span className="sr-only">: {checkWord(check)}.</span>
                    {check.detail && <span className="block text-muted">{check.detail}</span>}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  );
}

function checkWord(check: ConformanceCheck): string {
  if (check.skipped) return "skipped";
  if (!check.passed) return "failed";
  return check.warning ? "passed with a warning" : "passed";
}

function checkColour(check: ConformanceCheck): string {
  if (check.skipped) return "text-muted";
  if (!check.passed) return "text-danger";
  return check.warning ? "text-muted" : "text-success";
}
