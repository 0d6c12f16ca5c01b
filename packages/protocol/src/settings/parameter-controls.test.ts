import { describe, expect, it } from "vitest";
import { type ParameterControlsInput, parameterControlsSchema } from "./parameter-controls.js";

/** An image bot's controls: a plain section, a tabbed section and a conditional control. */
const imageBotControls = {
  api_version: "2",
  sections: [
    {
      name: "Image",
      controls: [
        {
          control: "aspect_ratio",
          label: "Aspect ratio",
          parameter_name: "aspect",
          default_value: "1:1",
          options: [
            { value: "1:1", width: 1, height: 1 },
            { value: "16:9", width: 16, height: 9 },
          ],
        },
        { control: "divider" },
        {
          control: "toggle_switch",
          label: "Use a seed",
          parameter_name: "use_seed",
          default_value: false,
        },
        {
          control: "condition",
          condition: {
            comparator: "eq",
            left: { parameter_name: "use_seed" },
            right: { literal: true },
          },
          controls: [
            {
              control: "slider",
              label: "Seed",
              parameter_name: "seed",
              default_value: 0,
              min_value: 0,
              max_value: 1000,
              step: 1,
            },
          ],
        },
      ],
    },
    {
      name: "Advanced",
      collapsed_by_default: true,
      tabs: [
        {
          name: "Style",
          controls: [
            {
              control: "drop_down",
              label: "Style",
              description: "Overall look",
              parameter_name: "style",
              default_value: "vivid",
              options: [
                { value: "vivid", name: "Vivid" },
                { value: "natural", name: "Natural" },
              ],
            },
          ],
        },
        {
          name: "Prompt",
          controls: [
            {
              control: "text_area",
              label: "Negative prompt",
              parameter_name: "negative_prompt",
              placeholder: "blurry, low quality",
            },
            {
              control: "text_field",
              label: "Style (again)",
              parameter_name: "style",
              default_value: "vivid",
            },
          ],
        },
      ],
    },
  ],
} satisfies ParameterControlsInput;

type Sections = ParameterControlsInput["sections"];

function withSections(sections: unknown): unknown {
  return { api_version: "2", sections };
}

function issuePaths(value: unknown): string[] {
  const result = parameterControlsSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join("."));
}

describe("parameterControlsSchema", () => {
  it("accepts a realistic full example unchanged", () => {
    expect(parameterControlsSchema.parse(imageBotControls)).toEqual(imageBotControls);
  });

  it("fills in api_version and rejects any other version", () => {
    expect(parameterControlsSchema.parse({ sections: [] }).api_version).toBe("2");
    expect(parameterControlsSchema.safeParse({ api_version: "1", sections: [] }).success).toBe(
      false,
    );
  });

  it("rejects unknown keys at every level", () => {
    expect(parameterControlsSchema.safeParse({ sections: [], theme: "dark" }).success).toBe(false);
    expect(issuePaths(withSections([{ name: "A", controls: [], icon: "x" }]))).toEqual([
      "sections.0",
    ]);
  });

  it("rejects a parameter name with other characters, even inside a condition", () => {
    const sections = structuredClone(imageBotControls.sections) as Sections;
    const condition = sections[0]?.controls?.[3];
    if (condition?.control !== "condition") throw new Error("fixture changed");
    const seed = condition.controls[0];
    if (seed?.control !== "slider") throw new Error("fixture changed");
    seed.parameter_name = "random-seed";
    expect(issuePaths(withSections(sections))).toEqual([
      "sections.0.controls.3.controls.0.parameter_name",
    ]);
  });

  it("rejects a parameter name starting with poe_", () => {
    const control = { control: "toggle_switch", label: "X", parameter_name: "poe_hidden" };
    expect(issuePaths(withSections([{ controls: [control] }]))).toEqual([
      "sections.0.controls.0.parameter_name",
    ]);
  });

  it("rejects a section with both controls and tabs", () => {
    const divider = { control: "divider" };
    const mixed = { controls: [divider], tabs: [{ name: "T", controls: [divider] }] };
    const result = parameterControlsSchema.safeParse(withSections([mixed]));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/controls or tabs/);
  });

  it("rejects an empty tab", () => {
    expect(issuePaths(withSections([{ tabs: [{ name: "Empty", controls: [] }] }]))).toEqual([
      "sections.0.tabs.0.controls",
    ]);
  });

  it("rejects controls sharing a parameter name with different defaults", () => {
    const sections = structuredClone(imageBotControls.sections) as Sections;
    const repeated = sections[1]?.tabs?.[1]?.controls[1];
    if (repeated?.control !== "text_field") throw new Error("fixture changed");
    repeated.default_value = "natural";
    const result = parameterControlsSchema.safeParse(withSections(sections));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "sections.1.tabs.1.controls.1.default_value",
    ]);
    expect(result.error?.issues[0]?.message).toContain("style");
  });

  it("treats an absent default and a null default as the same", () => {
    const absent = { control: "text_field", label: "A", parameter_name: "topic" };
    const nullDefault = { ...absent, default_value: null };
    expect(
      parameterControlsSchema.safeParse(withSections([{ controls: [absent, nullDefault] }]))
        .success,
    ).toBe(true);
  });

  it("accepts every comparator and rejects others", () => {
    for (const comparator of ["eq", "ne", "gt", "ge", "lt", "le", "contains"]) {
      const condition = {
        control: "condition",
        condition: { comparator, left: { literal: 1 }, right: { parameter_name: "n" } },
        controls: [{ control: "divider" }],
      };
      const accepted = parameterControlsSchema.safeParse(withSections([{ controls: [condition] }]));
      expect(accepted.success).toBe(comparator !== "contains");
    }
  });

  it("rejects an operand that is neither a literal nor a parameter reference", () => {
    const condition = {
      control: "condition",
      condition: { comparator: "eq", left: { value: 1 }, right: { literal: "a" } },
      controls: [],
    };
    expect(
      parameterControlsSchema.safeParse(withSections([{ controls: [condition] }])).success,
    ).toBe(false);
  });
});
