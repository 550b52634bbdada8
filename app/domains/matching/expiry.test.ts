import { describe, expect, it } from "vitest";
import { WEEKENDS_ONLY, workingDayCalendar } from "~/domains/calendar/working-days";
import { minutesBetween, referralDueAt, reminderAt } from "./expiry";

describe("referral expiry", () => {
  it("is the end of the second working day after sending, plus the grace", () => {
    // Monday 2026-03-02 10:00 Beijing → end of Wednesday 2026-03-04 (16:00 UTC) + 2 h.
    const sentAt = new Date("2026-03-02T02:00:00Z");
    expect(referralDueAt(sentAt, WEEKENDS_ONLY, 120).toISOString()).toBe("2026-03-04T18:00:00.000Z");
    expect(referralDueAt(sentAt, WEEKENDS_ONLY, 0).toISOString()).toBe("2026-03-04T16:00:00.000Z");
  });

  it("skips weekends: a Friday's referral runs to the end of Tuesday", () => {
    const friday = new Date("2026-03-06T07:00:00Z");
    expect(referralDueAt(friday, WEEKENDS_ONLY, 0).toISOString()).toBe("2026-03-10T16:00:00.000Z");
  });

  it("uses the Beijing date: 23:30 Beijing on Monday is Monday, not Tuesday", () => {
    const lateMonday = new Date("2026-03-02T15:30:00Z");
    expect(referralDueAt(lateMonday, WEEKENDS_ONLY, 0).toISOString()).toBe("2026-03-04T16:00:00.000Z");
  });

  it("skips holidays and counts make-up working days (调休)", () => {
    const calendar = workingDayCalendar([
      { day: "2026-03-03", kind: "holiday" },
      { day: "2026-03-07", kind: "workday" },
    ]);
    // Monday → Tuesday is a holiday → Wednesday, Thursday.
    expect(referralDueAt(new Date("2026-03-02T02:00:00Z"), calendar, 0).toISOString()).toBe(
      "2026-03-05T16:00:00.000Z",
    );
    // Friday → Saturday is a make-up working day → Saturday, Monday.
    expect(referralDueAt(new Date("2026-03-06T02:00:00Z"), calendar, 0).toISOString()).toBe(
      "2026-03-09T16:00:00.000Z",
    );
  });

  it("refuses a negative or fractional grace", () => {
    expect(() => referralDueAt(new Date(), WEEKENDS_ONLY, -1)).toThrow(RangeError);
    expect(() => referralDueAt(new Date(), WEEKENDS_ONLY, 1.5)).toThrow(RangeError);
  });

  it("reminds four hours before, never before sending", () => {
    const sentAt = new Date("2026-03-02T02:00:00Z");
    expect(reminderAt(sentAt, new Date("2026-03-04T16:00:00Z")).toISOString()).toBe(
      "2026-03-04T12:00:00.000Z",
    );
    expect(reminderAt(sentAt, new Date("2026-03-02T03:00:00Z"))).toEqual(sentAt);
    expect(minutesBetween(sentAt, new Date("2026-03-02T03:30:00Z"))).toBe(90);
  });
});
