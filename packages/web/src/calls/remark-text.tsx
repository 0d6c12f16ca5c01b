/**
 * A remark of the trace explainer, with its `code` spans (event and field names between
 * backticks) set in the code font.
 */
export function RemarkText({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="rounded bg-sunken px-1 font-mono text-[0.85em]">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}
