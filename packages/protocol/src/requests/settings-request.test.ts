import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { settingsRequestSchema } from "./settings-request.js";

const fixtures = new URL("../../../../fixtures/fastapi-poe-0.0.81/", import.meta.url);

describe("settingsRequestSchema", () => {
  it("parses the recorded settings request", () => {
    const body: unknown = JSON.parse(
      readFileSync(new URL("settings.request.json", fixtures), "utf8"),
    );
    expect(settingsRequestSchema.parse(body)).toEqual({ version: "1.2", type: "settings" });
  });

  it("requires version", () => {
    expect(settingsRequestSchema.safeParse({ type: "settings" }).success).toBe(false);
  });
});
