import type { ReactNode } from "react";
import { Button } from "../ui/button.js";

/** A small input for a table-like editor; its label is for screen readers. */
export function RowInput({
  label,
  value,
  onChange,
  placeholder,
  numeric,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  numeric?: boolean;
}) {
  return (
    <input
      aria-label={label}
      value={value}
      placeholder={placeholder}
      inputMode={numeric ? "decimal" : undefined}
      onChange={(event) => onChange(event.target.value)}
      className="h-9 min-w-0 rounded-lg border border-line bg-raised px-2.5 text-sm text-ink placeholder:text-muted focus:border-accent"
    />
  );
}

/**
 * Rows of inputs with a remove button each, an add button and a save button: the editors of the
 * usage page (price overrides, users' daily caps).
 */
export function EditableRows<Row>({
  rows,
  onChange,
  blank,
  renderRow,
  columns,
  addLabel,
  removeLabel,
  footer,
}: {
  rows: Row[];
  onChange: (rows: Row[]) => void;
  blank: Row;
  renderRow: (row: Row, update: (row: Row) => void) => ReactNode;
  /** Tailwind grid columns for a row's inputs. */
  columns: string;
  addLabel: string;
  removeLabel: (row: Row, index: number) => string;
  footer?: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-2">
      {rows.map((row, index) => (
        <div key={index} className="flex items-center gap-2">
          <div className={`grid flex-1 gap-2 ${columns}`}>
            {renderRow(row, (next) => onChange(rows.map((old, at) => (at === index ? next : old))))}
          </div>
          <Button
            size="sm"
            variant="ghost"
            aria-label={removeLabel(row, index)}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            Remove
          </Button>
        </div>
      ))}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" onClick={() => onChange([...rows, blank])}>
          {addLabel}
        </Button>
        {footer}
      </div>
    </div>
  );
}

/** A number typed in a field: empty is null (no cap), anything else must parse. */
export function parseOptionalNumber(text: string): number | null | "invalid" {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed.replace(/^\$/, ""));
  return Number.isFinite(value) && value >= 0 ? value : "invalid";
}
