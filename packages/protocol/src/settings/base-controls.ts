import { z } from "zod";

/**
 * The single controls a bot's parameter-controls UI is built from (reference §3.3). Like
 * fastapi_poe, every model forbids unknown keys, so a typo in a bot's settings is caught;
 * optional fields also accept `null`, which is how fastapi_poe serialises unset ones.
 */

/** Letters, digits and `_` only; `poe_` is reserved for the platform. */
export const parameterNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_]+$/, "parameter names may contain only letters, digits and _")
  .refine((name) => !name.startsWith("poe_"), "parameter names must not start with poe_");

/** Fields every input control has; its value arrives in `ProtocolMessage.parameters`. */
const inputFields = {
  label: z.string(),
  description: z.string().nullish(),
  parameter_name: parameterNameSchema,
};

/** A horizontal rule between controls. */
export const dividerSchema = z.strictObject({ control: z.literal("divider") });

/** A one-line text input. */
export const textFieldSchema = z.strictObject({
  control: z.literal("text_field"),
  ...inputFields,
  default_value: z.string().nullish(),
  placeholder: z.string().nullish(),
});

/** A multi-line text input. */
export const textAreaSchema = z.strictObject({
  control: z.literal("text_area"),
  ...inputFields,
  default_value: z.string().nullish(),
  placeholder: z.string().nullish(),
});

/** One choice of a drop-down: `value` is submitted, `name` is shown. */
export const valueNamePairSchema = z.strictObject({ value: z.string(), name: z.string() });

/** A drop-down list of choices. */
export const dropDownSchema = z.strictObject({
  control: z.literal("drop_down"),
  ...inputFields,
  default_value: z.string().nullish(),
  options: z.array(valueNamePairSchema),
});

/** An on/off switch. */
export const toggleSwitchSchema = z.strictObject({
  control: z.literal("toggle_switch"),
  ...inputFields,
  default_value: z.boolean().nullish(),
});

/** A numeric slider. */
export const sliderSchema = z.strictObject({
  control: z.literal("slider"),
  ...inputFields,
  default_value: z.number().nullish(),
  min_value: z.number(),
  max_value: z.number(),
  step: z.number(),
});

/** One aspect ratio choice, e.g. `{value: "16:9", width: 16, height: 9}`. */
export const aspectRatioOptionSchema = z.strictObject({
  value: z.string().nullish(),
  width: z.number(),
  height: z.number(),
});

/** A picker of image aspect ratios. */
export const aspectRatioSchema = z.strictObject({
  control: z.literal("aspect_ratio"),
  ...inputFields,
  default_value: z.string().nullish(),
  options: z.array(aspectRatioOptionSchema),
});

/** Any control that is not a condition, told apart by `control`. */
export const baseControlSchema = z.discriminatedUnion("control", [
  dividerSchema,
  textFieldSchema,
  textAreaSchema,
  dropDownSchema,
  toggleSwitchSchema,
  sliderSchema,
  aspectRatioSchema,
]);

/** A divider. */
export type Divider = z.output<typeof dividerSchema>;
/** A one-line text input. */
export type TextField = z.output<typeof textFieldSchema>;
/** A multi-line text input. */
export type TextArea = z.output<typeof textAreaSchema>;
/** A drop-down choice. */
export type ValueNamePair = z.output<typeof valueNamePairSchema>;
/** A drop-down list. */
export type DropDown = z.output<typeof dropDownSchema>;
/** An on/off switch. */
export type ToggleSwitch = z.output<typeof toggleSwitchSchema>;
/** A numeric slider. */
export type Slider = z.output<typeof sliderSchema>;
/** An aspect ratio choice. */
export type AspectRatioOption = z.output<typeof aspectRatioOptionSchema>;
/** An aspect ratio picker. */
export type AspectRatio = z.output<typeof aspectRatioSchema>;
/** Any control that is not a condition. */
export type BaseControl = z.output<typeof baseControlSchema>;
