import { describe, expect, it } from "vitest";
import { baseControlSchema, parameterNameSchema } from "./base-controls.js";

describe("parameterNameSchema", () => {
  it("accepts letters, digits and underscores", () => {
    for (const name of ["style", "image_size", "Seed2", "_x"]) {
      expect(parameterNameSchema.safeParse(name).success).toBe(true);
    }
  });

  it("rejects other characters and the empty name", () => {
    for (const name of ["image-size", "two words", "größe", ""]) {
      expect(parameterNameSchema.safeParse(name).success).toBe(false);
    }
  });

  it("rejects the reserved poe_ prefix", () => {
    const result = parameterNameSchema.safeParse("poe_model");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/poe_/);
  });
});

describe("baseControlSchema", () => {
  it("parses each kind of control", () => {
    const controls = [
      { control: "divider" },
      { control: "text_field", label: "Name", parameter_name: "name", placeholder: "Ada" },
      { control: "text_area", label: "Notes", parameter_name: "notes", default_value: "" },
      {
        control: "drop_down",
        label: "Style",
        parameter_name: "style",
        default_value: "vivid",
        options: [
          { value: "vivid", name: "Vivid" },
          { value: "natural", name: "Natural" },
        ],
      },
      { control: "toggle_switch", label: "HD", parameter_name: "hd", default_value: true },
      {
        control: "slider",
        label: "Creativity",
        parameter_name: "creativity",
        default_value: 0.5,
        min_value: 0,
        max_value: 1,
        step: 0.1,
      },
      {
        control: "aspect_ratio",
        label: "Shape",
        parameter_name: "aspect",
        default_value: "1:1",
        options: [
          { value: "1:1", width: 1, height: 1 },
          { width: 16, height: 9 },
        ],
      },
    ];
    for (const control of controls) expect(baseControlSchema.parse(control)).toEqual(control);
  });

  it("accepts null for unset optional fields, as fastapi_poe serialises them", () => {
    const control = {
      control: "text_field",
      label: "Name",
      description: null,
      parameter_name: "name",
      default_value: null,
      placeholder: null,
    };
    expect(baseControlSchema.safeParse(control).success).toBe(true);
  });

  it("rejects unknown keys, unknown kinds and a default of the wrong type", () => {
    const toggle = { control: "toggle_switch", label: "HD", parameter_name: "hd" };
    expect(baseControlSchema.safeParse({ ...toggle, colour: "red" }).success).toBe(false);
    expect(baseControlSchema.safeParse({ ...toggle, control: "knob" }).success).toBe(false);
    expect(baseControlSchema.safeParse({ ...toggle, default_value: "yes" }).success).toBe(false);
  });

  it("requires a drop-down's options and a slider's range", () => {
    const dropDown = { control: "drop_down", label: "Style", parameter_name: "style" };
    expect(baseControlSchema.safeParse(dropDown).success).toBe(false);
    const slider = { control: "slider", label: "N", parameter_name: "n", min_value: 0, step: 1 };
    expect(baseControlSchema.safeParse(slider).success).toBe(false);
  });
});
