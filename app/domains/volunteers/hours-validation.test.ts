import { describe, expect, it } from "vitest";
import { correctionRequestSchema, selfReportSchema, splitMinutes } from "./hours-validation";

const base = { serviceDate: "2026-05-16", hours: "2", minutes: "30", description: "社区走访" };

function messages(result: {
  success: boolean;
  error?: { issues: { message: string; path: PropertyKey[] }[] };
}) {
  return result.success ? [] : result.error!.issues.map((issue) => [issue.path.join("."), issue.message]);
}

describe("self-report form", () => {
  it("turns hours and minutes (full-width digits too) into whole minutes", () => {
    expect(selfReportSchema.parse(base)).toEqual({
      serviceDate: "2026-05-16",
      minutes: 150,
      activityId: null,
      description: "社区走访",
      evidenceNote: null,
    });
    expect(selfReportSchema.parse({ ...base, hours: "１", minutes: "" }).minutes).toBe(60);
  });

  it("puts duration problems on the duration field", () => {
    expect(messages(selfReportSchema.safeParse({ ...base, hours: "", minutes: "0" }))).toEqual([
      ["duration", "validation:hourRecord.durationRequired"],
    ]);
    expect(messages(selfReportSchema.safeParse({ ...base, hours: "24", minutes: "1" }))).toEqual([
      ["duration", "validation:hourRecord.durationTooLong"],
    ]);
    expect(messages(selfReportSchema.safeParse({ ...base, minutes: "75" }))).toEqual([
      ["duration", "validation:hourRecord.durationInvalid"],
    ]);
    expect(messages(selfReportSchema.safeParse({ ...base, hours: "1.5" }))).toEqual([
      ["duration", "validation:hourRecord.durationInvalid"],
    ]);
  });

  it("needs a description without an activity, and a well-formed date and activity", () => {
    expect(messages(selfReportSchema.safeParse({ ...base, description: " " }))).toEqual([
      ["description", "validation:hourRecord.descriptionRequired"],
    ]);
    expect(messages(selfReportSchema.safeParse({ ...base, serviceDate: "16/05/2026" }))).toEqual([
      ["serviceDate", "validation:hourRecord.dateInvalid"],
    ]);
    expect(messages(selfReportSchema.safeParse({ ...base, activityId: "nope" }))).toEqual([
      ["activityId", "validation:hourRecord.activityInvalid"],
    ]);
    expect(messages(selfReportSchema.safeParse({ ...base, evidenceNote: "x".repeat(1001) }))).toEqual([
      ["evidenceNote", "validation:hourRecord.evidenceTooLong"],
    ]);
  });
});

describe("correction request form", () => {
  it("requires a reason and a valid duration", () => {
    expect(
      correctionRequestSchema.parse({ hours: "1", minutes: "5", description: "改", reason: "签退晚了" }),
    ).toEqual({
      proposedMinutes: 65,
      proposedDescription: "改",
      reason: "签退晚了",
    });
    expect(
      messages(
        correctionRequestSchema.safeParse({ hours: "1", minutes: "0", description: "改", reason: "" }),
      ),
    ).toEqual([["reason", "validation:hourCorrection.reasonRequired"]]);
  });

  it("splits minutes for the form's two boxes", () => {
    expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
  });
});
