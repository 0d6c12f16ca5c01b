import type { TraceRemark } from "@parlor/protocol/trace";
import { RemarkText } from "./remark-text.js";

const tones = {
  error: "bg-danger-soft text-danger",
  warning: "bg-warning-soft text-warning",
} as const;

/** The explainer's remarks as a list, each with its level in words (not only in colour). */
export function TraceRemarks({
  remarks,
  label,
}: {
  remarks: readonly TraceRemark[] | undefined;
  label: string;
}) {
  if (!remarks?.length) return null;
  return (
    <ul aria-label={label} className="flex flex-col gap-1">
      {remarks.map((remark, index) => (
        <li key={index} className={`rounded-md px-2 py-1 text-xs ${tones[remark.level]}`}>
          <span className="font-semibold">{remark.level === "error" ? "Error" : "Warning"}:</span>{" "}
          <RemarkText text={remark.text} />
        </li>
      ))}
    </ul>
  );
}
