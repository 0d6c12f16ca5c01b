import type { FullControl } from "@parlor/protocol";
import * as Slider from "@radix-ui/react-slider";
import * as Switch from "@radix-ui/react-switch";
import { useId } from "react";
import { conditionHolds, type ParameterValues } from "./parameter-values.js";

const inputClass =
  "w-full rounded-lg border border-line bg-raised px-3 py-2 text-sm text-ink focus:border-accent";

/** One of a bot's parameter controls as a real, labelled form control. */
export function ParameterControl({
  control,
  values,
  onChange,
}: {
  control: FullControl;
  values: ParameterValues;
  onChange: (name: string, value: string | number | boolean) => void;
}) {
  const id = useId();
  if (control.control === "divider") return <hr className="border-line" />;
  if (control.control === "condition") {
    if (!conditionHolds(control.condition, values)) return null;
    return (
      <>
        {control.controls.map((inner, index) => (
          <ParameterControl key={index} control={inner} values={values} onChange={onChange} />
        ))}
      </>
    );
  }
  const name = control.parameter_name;
  const value = values[name];
  const set = (next: string | number | boolean) => onChange(name, next);
  const description = control.description ? (
    <p id={`${id}-hint`} className="text-xs text-muted">
      {control.description}
    </p>
  ) : null;
  const describedBy = control.description ? `${id}-hint` : undefined;
  const label = (
    <label htmlFor={id} className="text-sm font-medium">
      {control.label}
    </label>
  );
  let input;
  switch (control.control) {
    case "text_field":
    case "text_area": {
      const textProps = {
        id,
        className: inputClass,
        "aria-describedby": describedBy,
        placeholder: control.placeholder ?? undefined,
        value: typeof value === "string" ? value : "",
      };
      input =
        control.control === "text_field" ? (
          <input {...textProps} onChange={(event) => set(event.target.value)} />
        ) : (
          <textarea {...textProps} rows={3} onChange={(event) => set(event.target.value)} />
        );
      break;
    }
    case "drop_down":
      input = (
        <select
          id={id}
          className={inputClass}
          aria-describedby={describedBy}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => set(event.target.value)}
        >
          {value === undefined && <option value="">Choose…</option>}
          {control.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.name}
            </option>
          ))}
        </select>
      );
      break;
    case "toggle_switch":
      return (
        <div className="flex items-center justify-between gap-3">
          <div className="flex flex-col gap-0.5">
            {label}
            {description}
          </div>
          <Switch.Root
            id={id}
            checked={value === true}
            onCheckedChange={set}
            aria-describedby={describedBy}
            className="relative h-6 w-11 shrink-0 rounded-full bg-line data-[state=checked]:bg-accent"
          >
            <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-raised shadow transition-transform data-[state=checked]:translate-x-5" />
          </Switch.Root>
        </div>
      );
    case "slider": {
      const current = typeof value === "number" ? value : control.min_value;
      return (
        <div className="flex flex-col gap-1.5">
          <div className="flex items-center justify-between">
            <span id={`${id}-label`} className="text-sm font-medium">
              {control.label}
            </span>
            <span className="text-sm text-muted tabular-nums">{current}</span>
          </div>
          <Slider.Root
            min={control.min_value}
            max={control.max_value}
            step={control.step}
            value={[current]}
            onValueChange={([next]) => next !== undefined && set(next)}
            className="relative flex h-5 touch-none items-center select-none"
          >
            <Slider.Track className="relative h-1.5 grow rounded-full bg-line">
              <Slider.Range className="absolute h-full rounded-full bg-accent" />
            </Slider.Track>
            <Slider.Thumb
              aria-labelledby={`${id}-label`}
              aria-describedby={describedBy}
              className="block h-4 w-4 rounded-full border-2 border-accent bg-raised"
            />
          </Slider.Root>
          {description}
        </div>
      );
    }
    case "aspect_ratio":
      return (
        <fieldset className="flex flex-col gap-1.5" aria-describedby={describedBy}>
          <legend className="mb-1.5 text-sm font-medium">{control.label}</legend>
          <div className="flex flex-wrap gap-2">
            {control.options.map((option) => {
              const optionValue = option.value ?? `${option.width}:${option.height}`;
              const scale = 20 / Math.max(option.width, option.height);
              return (
                <button
                  key={optionValue}
                  type="button"
                  aria-pressed={value === optionValue}
                  onClick={() => set(optionValue)}
                  className="flex flex-col items-center gap-1 rounded-lg border border-line px-2 py-1.5 text-xs aria-pressed:border-accent aria-pressed:bg-accent-soft"
                >
                  <span
                    aria-hidden="true"
                    className="border border-current"
                    style={{ width: option.width * scale, height: option.height * scale }}
                  />
                  {optionValue}
                </button>
              );
            })}
          </div>
          {description}
        </fieldset>
      );
  }
  return (
    <div className="flex flex-col gap-1.5">
      {label}
      {input}
      {description}
    </div>
  );
}
