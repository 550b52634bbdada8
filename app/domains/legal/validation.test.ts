import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { formDataToObject, arrayFieldsOf } from "~/utils/form-data";
import {
  bookingSchema,
  cancelSchema,
  lawyerSchema,
  officeHourRuleSchema,
  outcomeSchema,
  overrideSchema,
  rescheduleSchema,
} from "./validation";

/** The schema's issues for a body as the browser posts it (every key present, through formDataToObject). */
async function issuesOf(schema: z.ZodType, body: [string, string][]) {
  const formData = new FormData();
  for (const [key, value] of body) formData.append(key, value);
  const { values } = formDataToObject(formData, arrayFieldsOf(schema));
  const result = await schema.safeParseAsync(values);
  return Object.fromEntries(
    (result.error?.issues ?? []).reverse().map((issue) => [issue.path.join("."), issue.message]),
  );
}

const ruleBody = (overrides: Record<string, string | string[]> = {}): [string, string][] => {
  const fields: Record<string, string | string[]> = {
    lawyerId: "not-a-lawyer",
    servicePointId: "",
    frequency: "weekly",
    weekdays: [],
    nth: "",
    monthlyWeekday: "",
    startTime: "11:00",
    endTime: "10:00",
    validFrom: "2026-12-10",
    validTo: "2026-12-01",
    slotMinutes: "x",
    bufferMinutes: "0",
    capacity: "1",
    minNoticeHours: "2",
    horizonDays: "60",
    cancelCutoffHours: "12",
    ...overrides,
  };
  return Object.entries(fields).flatMap(([key, value]) =>
    Array.isArray(value) ? value.map((item): [string, string] => [key, item]) : [[key, value]],
  );
};

describe("legal forms report every error at once (docs/decisions/009-forms.md)", () => {
  it("an office-hour rule: field errors and every cross-field rule together", async () => {
    const issues = await issuesOf(officeHourRuleSchema, ruleBody());
    expect(issues).toMatchObject({
      lawyerId: "legal:validation.lawyer",
      servicePointId: "legal:validation.servicePoint",
      slotMinutes: "legal:validation.slotMinutes",
      weekdays: "legal:validation.weekdays",
      endTime: "legal:validation.timeOrder",
      validTo: "legal:validation.validTo",
    });
  });

  it("a monthly rule needs its nth and its weekday; a slot longer than the hours is refused", async () => {
    const issues = await issuesOf(
      officeHourRuleSchema,
      ruleBody({
        frequency: "monthly",
        lawyerId: "",
        startTime: "09:00",
        endTime: "09:20",
        slotMinutes: "30",
      }),
    );
    expect(issues).toMatchObject({
      lawyerId: "legal:validation.lawyer",
      nth: "legal:validation.nth",
      monthlyWeekday: "legal:validation.nth",
      slotMinutes: "legal:validation.slotTooLong",
    });
    expect(issues.weekdays).toBeUndefined();
  });

  it("a valid monthly rule parses to minutes", async () => {
    const result = officeHourRuleSchema.safeParse(
      formDataToObject(
        (() => {
          const formData = new FormData();
          for (const [key, value] of ruleBody({
            lawyerId: "0b7c6a4e-5f0d-4d3b-9a77-2f4e1c9d8a10",
            servicePointId: "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
            frequency: "monthly",
            nth: "3",
            monthlyWeekday: "MO",
            startTime: "15:00",
            endTime: "17:00",
            validTo: "",
            slotMinutes: "30",
          }))
            formData.append(key, value);
          return formData;
        })(),
        arrayFieldsOf(officeHourRuleSchema),
      ).values,
    );
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ startTime: 900, endTime: 1020, nth: 3, monthlyWeekday: "MO" });
  });

  it("an extra date range is checked while the date is wrong too", async () => {
    const issues = await issuesOf(overrideSchema, [
      ["day", "2026-02-31x"],
      ["kind", "extra"],
      ["startTime", ""],
      ["endTime", ""],
      ["reason", ""],
    ]);
    expect(issues).toMatchObject({
      day: "legal:validation.day",
      endTime: "legal:validation.timeOrder",
      reason: "legal:validation.reason",
    });
  });

  it("a booking without case code nor walk-in, with a wrong topic, shows both", async () => {
    const issues = await issuesOf(bookingSchema, [
      ["ruleId", "0b7c6a4e-5f0d-4d3b-9a77-2f4e1c9d8a10"],
      ["startsAt", "2026-12-10T07:00:00.000Z"],
      ["caseCode", ""],
      ["topic", "weather"],
      ["note", ""],
    ]);
    expect(issues).toEqual({ caseCode: "legal:validation.caseCode", topic: "legal:validation.topic" });
  });

  it("an attended outcome needs its advice category even when the topic is wrong", async () => {
    const issues = await issuesOf(outcomeSchema, [
      ["status", "attended"],
      ["topic", ""],
      ["adviceCategory", ""],
    ]);
    expect(issues).toEqual({
      topic: "legal:validation.topic",
      adviceCategory: "legal:validation.adviceCategory",
    });
  });

  it("a reschedule names the offered slot as `<rule>|<start>`, and the cancel form its reason", async () => {
    expect(
      rescheduleSchema.parse({
        slot: "0B7C6A4E-5F0D-4D3B-9A77-2F4E1C9D8A10|2026-12-10T07:30:00.000Z",
        reason: "改期",
      }),
    ).toEqual({
      ruleId: "0b7c6a4e-5f0d-4d3b-9a77-2f4e1c9d8a10",
      startsAt: new Date("2026-12-10T07:30:00.000Z"),
      reason: "改期",
    });
    const issues = await issuesOf(rescheduleSchema, [
      ["slot", "x|2026-12-10T07:30:00.000Z"],
      ["reason", ""],
    ]);
    expect(issues).toEqual({ slot: "legal:validation.slot", reason: "legal:validation.reason" });
    expect(await issuesOf(cancelSchema, [["cancelReason", " "]])).toEqual({
      cancelReason: "legal:validation.reason",
    });
  });

  it("a lawyer: name, licence, languages and email all at once; full-width licence digits accepted", async () => {
    const issues = await issuesOf(lawyerSchema, [
      ["name", "孙"],
      ["practiceLicence", "1234"],
      ["specialties", "labour"],
      ["languages", "Klingon"],
      ["accountEmail", "not-an-email"],
    ]);
    expect(issues).toEqual({
      name: "legal:validation.lawyerName",
      practiceLicence: "legal:validation.practiceLicence",
      "languages.0": "legal:validation.languages",
      accountEmail: "legal:validation.accountEmail",
    });
  });
});
