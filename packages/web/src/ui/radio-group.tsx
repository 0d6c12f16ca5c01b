import { useId, type ReactNode } from "react";

/** One choice of a RadioGroup, with a line that says what it means. */
export interface RadioOption<Value extends string> {
  value: Value;
  label: string;
  description?: ReactNode;
}

/** A fieldset of radio buttons with a legend; each option explains itself in one line. */
export function RadioGroup<Value extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  disabled,
  children,
}: {
  legend: string;
  name: string;
  value: Value;
  options: RadioOption<Value>[];
  onChange: (value: Value) => void;
  /** Shows the choice without letting anyone change it. */
  disabled?: boolean;
  /** Extra content under the options (a field the choice reveals). */
  children?: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset disabled={disabled} className="flex flex-col gap-2 disabled:opacity-70">
      <legend className="mb-1.5 text-sm font-medium">{legend}</legend>
      {options.map((option) => (
        <label
          key={option.value}
          className="flex cursor-pointer items-start gap-3 rounded-lg border border-line px-3 py-2 has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
        >
          <input
            type="radio"
            name={name}
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
            aria-describedby={option.description ? `${id}-${option.value}` : undefined}
            className="mt-1 accent-accent"
          />
          <span className="flex flex-col">
            <span className="text-sm font-medium">{option.label}</span>
            {option.description && (
              <span id={`${id}-${option.value}`} className="text-xs text-muted">
                {option.description}
              </span>
            )}
          </span>
        </label>
      ))}
      {children}
    </fieldset>
  );
}
