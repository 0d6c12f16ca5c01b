import type { FullControl, ParameterControls } from "@parlor/protocol";

/** Values of a bot's parameter controls, by `parameter_name`, as sent in `parameters`. */
export type ParameterValues = Record<string, string | number | boolean>;

/** The controls a bot declared, or null when it declared none (or an unknown version). */
export function parameterControlsOf(settings: Record<string, unknown> | undefined) {
  const controls = settings?.parameter_controls as ParameterControls | null | undefined;
  if (!controls || !Array.isArray(controls.sections) || controls.sections.length === 0) return null;
  return controls;
}

/** Every control of every section and tab, conditional ones included. */
export function* allControls(controls: ParameterControls): Generator<FullControl> {
  for (const section of controls.sections) {
    for (const control of section.controls ?? []) yield control;
    for (const tab of section.tabs ?? []) yield* tab.controls;
  }
}

/** The values the controls start from: each `default_value` that is set. */
export function defaultParameterValues(controls: ParameterControls): ParameterValues {
  const values: ParameterValues = {};
  const visit = (control: FullControl) => {
    if (control.control === "condition") return control.controls.forEach(visit);
    if (control.control === "divider") return;
    if (control.default_value !== null && control.default_value !== undefined) {
      values[control.parameter_name] = control.default_value;
    }
  };
  for (const control of allControls(controls)) visit(control);
  return values;
}

type Condition = Extract<FullControl, { control: "condition" }>["condition"];

/** Whether a condition holds for the current values. */
export function conditionHolds(condition: Condition, values: ParameterValues) {
  const operand = (side: Condition["left"]) =>
    "literal" in side ? side.literal : values[side.parameter_name];
  const left = operand(condition.left);
  const right = operand(condition.right);
  switch (condition.comparator) {
    case "eq":
      return left === right;
    case "ne":
      return left !== right;
    default: {
      if (left === undefined || right === undefined) return false;
      const [a, b] = [Number(left), Number(right)];
      if (condition.comparator === "gt") return a > b;
      if (condition.comparator === "ge") return a >= b;
      if (condition.comparator === "lt") return a < b;
      return a <= b;
    }
  }
}
