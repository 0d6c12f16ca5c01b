import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  resolveSettings,
  SETTINGS_RESPONSE_VERSION,
  settingsResponseSchema,
} from "./settings-response.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, fixtures), "utf8"));
}

const version0Defaults = {
  response_version: 0,
  server_bot_dependencies: {},
  allow_attachments: false,
  expand_text_attachments: true,
  enable_image_comprehension: false,
  introduction_message: null,
  enforce_author_role_alternation: false,
  enable_multi_bot_chat_prompting: false,
  enable_multi_entity_prompting: true,
  rate_card: null,
  cost_label: null,
  parameter_controls: null,
  allow_user_context_clear: true,
  context_clear_window_secs: null,
};

function resolve(settings: unknown) {
  return resolveSettings(settingsResponseSchema.parse(settings));
}

describe("settingsResponseSchema", () => {
  it("parses the settings fastapi_poe sends, nulls and all", () => {
    const settings = settingsResponseSchema.parse(readJson("settings.json"));
    expect(settings.response_version).toBe(SETTINGS_RESPONSE_VERSION);
    expect(settings.server_bot_dependencies).toEqual({ "GPT-3.5-Turbo": 1 });
    expect(settings.allow_attachments).toBe(null);
  });

  it("accepts an empty object", () => {
    expect(settingsResponseSchema.parse({})).toEqual({});
  });

  it("drops unknown keys instead of rejecting the settings", () => {
    const settings = settingsResponseSchema.parse({ allow_attachments: true, new_flag: 1 });
    expect(settings).toEqual({ allow_attachments: true });
  });

  it("rejects dependency counts that are not non-negative integers", () => {
    for (const count of [-1, 1.5, "2"]) {
      const settings = { server_bot_dependencies: { "GPT-4o": count } };
      expect(settingsResponseSchema.safeParse(settings).success).toBe(false);
    }
  });

  it("rejects invalid parameter controls", () => {
    const controls = { sections: [{ controls: [{ control: "divider", label: "x" }] }] };
    expect(settingsResponseSchema.safeParse({ parameter_controls: controls }).success).toBe(false);
  });
});

describe("resolveSettings", () => {
  it("applies the version 0 table when response_version is absent", () => {
    expect(resolve({})).toEqual(version0Defaults);
  });

  it("turns attachments and multi-bot prompting on from version 1", () => {
    const newer = { allow_attachments: true, enable_multi_bot_chat_prompting: true };
    expect(resolve({ response_version: 1 })).toEqual({
      ...version0Defaults,
      ...newer,
      response_version: 1,
    });
    expect(resolve({ response_version: 2 })).toEqual({
      ...version0Defaults,
      ...newer,
      response_version: 2,
    });
  });

  it("treats null as the default, and keeps explicit values", () => {
    expect(resolve({ response_version: null, allow_attachments: null })).toEqual(version0Defaults);
    const explicit = resolve({
      response_version: 2,
      allow_attachments: false,
      expand_text_attachments: false,
      enable_multi_entity_prompting: false,
      context_clear_window_secs: 0,
    });
    expect(explicit).toMatchObject({
      allow_attachments: false,
      expand_text_attachments: false,
      enable_multi_entity_prompting: false,
      context_clear_window_secs: 0,
    });
  });

  it("resolves the recorded fastapi_poe settings", () => {
    expect(resolve(readJson("settings.json"))).toEqual({
      ...version0Defaults,
      response_version: 2,
      server_bot_dependencies: { "GPT-3.5-Turbo": 1 },
      allow_attachments: true,
      enable_multi_bot_chat_prompting: true,
      introduction_message: "Hi, I am an echo bot. I repeat what you say.",
    });
  });

  it("falls back to the deprecated custom_rate_card", () => {
    expect(resolve({ custom_rate_card: "old" }).rate_card).toBe("old");
    expect(resolve({ custom_rate_card: "old", rate_card: "new" }).rate_card).toBe("new");
  });

  it("fills in parameter_controls' api_version", () => {
    const resolved = resolve({ parameter_controls: { sections: [] } });
    expect(resolved.parameter_controls).toEqual({ api_version: "2", sections: [] });
  });
});
