import { z } from "zod";
import { type BaseControl, baseControlSchema } from "./base-controls.js";

export type * from "./base-controls.js";

/** One side of a comparison: a fixed value, or the current value of another parameter. */
export const conditionOperandSchema = z.union([
  z.strictObject({ literal: z.union([z.string(), z.number(), z.boolean()]) }),
  z.strictObject({ parameter_name: z.string() }),
]);

/** A comparison deciding whether conditional controls are shown. */
export const comparatorConditionSchema = z.strictObject({
  comparator: z.enum(["eq", "ne", "gt", "ge", "lt", "le"]),
  left: conditionOperandSchema,
  right: conditionOperandSchema,
});

/** Controls shown only while `condition` holds. */
export const conditionallyRenderControlsSchema = z.strictObject({
  control: z.literal("condition"),
  condition: comparatorConditionSchema,
  controls: z.array(baseControlSchema),
});

/** Any control, conditions included. */
export const fullControlSchema = z.discriminatedUnion("control", [
  ...baseControlSchema.options,
  conditionallyRenderControlsSchema,
]);

/** A tab of a section; an empty tab is meaningless, so it needs a control. */
export const tabSchema = z.strictObject({
  name: z.string(),
  controls: z.array(fullControlSchema).min(1),
});

/** A group of controls, laid out either directly or in tabs. */
export const sectionSchema = z
  .strictObject({
    name: z.string().nullish(),
    controls: z.array(fullControlSchema).nullish(),
    tabs: z.array(tabSchema).nullish(),
    collapsed_by_default: z.boolean().nullish(),
  })
  .refine((section) => !(section.controls && section.tabs), {
    message: "a section has controls or tabs, not both",
    path: ["tabs"],
  });

/**
 * The settings field `parameter_controls` (protocol 1.2): UI controls whose values arrive in
 * each user message's `parameters`.
 */
export const parameterControlsSchema = z
  .strictObject({
    api_version: z.literal("2").default("2"),
    sections: z.array(sectionSchema),
  })
  .superRefine((parameterControls, context) => {
    // One parameter shown by several controls (e.g. in two tabs) must start from one value.
    const defaults = new Map<string, unknown>();
    for (const { control, path } of inputControls(parameterControls.sections)) {
      if (!("parameter_name" in control)) continue;
      const defaultValue = control.default_value ?? null;
      if (!defaults.has(control.parameter_name)) {
        defaults.set(control.parameter_name, defaultValue);
      } else if (defaults.get(control.parameter_name) !== defaultValue) {
        context.addIssue({
          code: "custom",
          message: `controls for parameter ${control.parameter_name} have different default values`,
          path: [...path, "default_value"],
        });
      }
    }
  });

/** Every base control with its path, looking inside tabs and conditions. */
function* inputControls(
  sections: readonly Section[],
): Generator<{ control: BaseControl; path: (string | number)[] }> {
  for (const [sectionIndex, section] of sections.entries()) {
    const sectionPath = ["sections", sectionIndex];
    yield* flatten(section.controls ?? [], [...sectionPath, "controls"]);
    for (const [tabIndex, tab] of (section.tabs ?? []).entries()) {
      yield* flatten(tab.controls, [...sectionPath, "tabs", tabIndex, "controls"]);
    }
  }
}

function* flatten(
  controls: readonly FullControl[],
  path: (string | number)[],
): Generator<{ control: BaseControl; path: (string | number)[] }> {
  for (const [index, control] of controls.entries()) {
    if (control.control !== "condition") {
      yield { control, path: [...path, index] };
      continue;
    }
    for (const [innerIndex, inner] of control.controls.entries()) {
      yield { control: inner, path: [...path, index, "controls", innerIndex] };
    }
  }
}

/** A comparison operand. */
export type ConditionOperand = z.output<typeof conditionOperandSchema>;
/** A comparison of two operands. */
export type ComparatorCondition = z.output<typeof comparatorConditionSchema>;
/** Controls shown only while a condition holds. */
export type ConditionallyRenderControls = z.output<typeof conditionallyRenderControlsSchema>;
/** Any control, conditions included. */
export type FullControl = z.output<typeof fullControlSchema>;
/** A tab of a section. */
export type Tab = z.output<typeof tabSchema>;
/** A section of the parameter-controls UI. */
export type Section = z.output<typeof sectionSchema>;
/** Parameter controls as parsed (`api_version` filled in). */
export type ParameterControls = z.output<typeof parameterControlsSchema>;
/** Parameter controls as a bot writes them (`api_version` may be left out). */
export type ParameterControlsInput = z.input<typeof parameterControlsSchema>;
