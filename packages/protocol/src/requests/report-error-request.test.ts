import { describe, expect, it } from "vitest";
import { reportErrorRequestSchema } from "./report-error-request.js";

describe("reportErrorRequestSchema", () => {
  it("keeps the metadata object as sent", () => {
    const report = {
      version: "1.2",
      type: "report_error",
      message: "Bot sent invalid JSON in a json event",
      metadata: { message_id: "m-1", attempt: 2 },
    };
    expect(reportErrorRequestSchema.parse(report)).toEqual(report);
  });

  it("defaults missing metadata to an empty object", () => {
    const parsed = reportErrorRequestSchema.parse({
      version: "1.2",
      type: "report_error",
      message: "x",
    });
    expect(parsed.metadata).toEqual({});
  });

  it("rejects metadata that is not an object, and a missing message", () => {
    const base = { version: "1.2", type: "report_error" };
    expect(
      reportErrorRequestSchema.safeParse({ ...base, message: "x", metadata: "d-1" }).success,
    ).toBe(false);
    expect(reportErrorRequestSchema.safeParse(base).success).toBe(false);
  });
});
