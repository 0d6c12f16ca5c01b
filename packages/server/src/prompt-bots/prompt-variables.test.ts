import { describe, expect, it } from "vitest";
import { renderPrompt, unknownVariables, variableValues } from "./prompt-variables.js";

describe("prompt variables", () => {
  const values = variableValues({
    userName: "Ada",
    botName: "Pirate",
    now: Date.UTC(2026, 11, 7, 14, 5),
  });

  it("fills in every variable, spaces inside the braces allowed", () => {
    expect(
      renderPrompt(
        "You are {{bot_name}}. Greet {{ user_name }} on {{weekday}} {{date}} at {{time}}.",
        values,
      ),
    ).toBe("You are Pirate. Greet Ada on Monday 2026-12-07 at 14:05.");
  });

  it("calls a user with no display name “the user”", () => {
    const anonymous = variableValues({ userName: null, botName: "B", now: 0 });
    expect(renderPrompt("Hi {{user_name}}", anonymous)).toBe("Hi the user");
  });

  it("names what is not a variable, once each, and leaves single braces alone", () => {
    expect(unknownVariables("{{usr_name}} {x} {{date}} {{usr_name}} {{ foo }}")).toEqual([
      "usr_name",
      "foo",
    ]);
    expect(renderPrompt("{{nope}} {x}", values)).toBe("{{nope}} {x}");
  });
});
