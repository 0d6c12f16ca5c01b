/** `< 2/3 >`: pages between a message's alternatives (regenerated replies, edited resends). */
export function BranchPager({
  siblings,
  current,
  what,
  onSelect,
}: {
  siblings: string[];
  current: string;
  /** What is paged, for the buttons' labels: "reply" or "message". */
  what: string;
  onSelect: (id: string) => void;
}) {
  if (siblings.length < 2) return null;
  const index = siblings.indexOf(current);
  const go = (offset: number) => {
    const next = siblings[index + offset];
    if (next) onSelect(next);
  };
  return (
    <div className="inline-flex items-center text-xs text-muted">
      <button
        type="button"
        aria-label={`Previous ${what}`}
        disabled={index <= 0}
        onClick={() => go(-1)}
        className="rounded px-1.5 py-1 hover:bg-sunken disabled:opacity-40"
      >
        ‹
      </button>
      <span className="tabular-nums" aria-label={`${what} ${index + 1} of ${siblings.length}`}>
        {index + 1}/{siblings.length}
      </span>
      <button
        type="button"
        aria-label={`Next ${what}`}
        disabled={index >= siblings.length - 1}
        onClick={() => go(1)}
        className="rounded px-1.5 py-1 hover:bg-sunken disabled:opacity-40"
      >
        ›
      </button>
    </div>
  );
}
