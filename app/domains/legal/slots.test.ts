import { describe, expect, it } from "vitest";
import { workingDayCalendar } from "~/domains/calendar/working-days";
import {
  changeAllowed,
  computeSlots,
  findRuleSlot,
  occurrenceDays,
  shanghaiDay,
  shanghaiInstant,
  shanghaiMinute,
  type SlotRule,
} from "./slots";

const rule = (overrides: Partial<SlotRule> = {}): SlotRule => ({
  id: "rule-1",
  lawyerId: "lawyer-1",
  servicePointId: "point-1",
  rrule: "FREQ=WEEKLY;BYDAY=TU",
  startMinute: 9 * 60,
  endMinute: 11 * 60,
  validFrom: "2026-01-01",
  validTo: null,
  slotMinutes: 30,
  bufferMinutes: 0,
  capacity: 1,
  minNoticeMinutes: 120,
  horizonDays: 60,
  ...overrides,
});

// Monday 2026-06-01 08:00 in Beijing.
const monday = shanghaiInstant("2026-06-01", 8 * 60);
const times = (slots: { startsAt: Date }[]) => slots.map((slot) => slot.startsAt.toISOString());

describe("Beijing time, stored in UTC", () => {
  it("turns a Beijing date and minute into the UTC instant and back, across the date line of UTC", () => {
    expect(shanghaiInstant("2026-06-02", 9 * 60).toISOString()).toBe("2026-06-02T01:00:00.000Z");
    // 07:00 in Beijing is still the previous day in UTC.
    expect(shanghaiInstant("2026-06-02", 7 * 60).toISOString()).toBe("2026-06-01T23:00:00.000Z");
    expect(shanghaiDay(new Date("2026-06-01T23:00:00Z"))).toBe("2026-06-02");
    expect(shanghaiMinute(new Date("2026-06-01T23:00:00Z"))).toBe(7 * 60);
  });

  it("has no daylight-saving shift: the same wall time is the same UTC hour in January and July", () => {
    const slots = computeSlots({
      rules: [rule({ horizonDays: 365 })],
      now: shanghaiInstant("2026-01-01", 0),
      from: "2026-01-01",
      to: "2026-12-31",
    });
    const hours = new Set(
      slots.filter((s) => shanghaiMinute(s.startsAt) === 540).map((s) => s.startsAt.getUTCHours()),
    );
    expect([...hours]).toEqual([1]);
    expect(slots.length).toBe(52 * 4); // 52 Tuesdays from Jan 6 to Dec 29 within a 365-day horizon
  });
});

describe("rules → slots", () => {
  it("cuts a weekly range into slots of the slot length with the buffer between them", () => {
    const slots = computeSlots({
      rules: [rule({ slotMinutes: 25, bufferMinutes: 5 })],
      now: monday,
      from: "2026-06-01",
      to: "2026-06-07",
    });
    expect(times(slots)).toEqual([
      "2026-06-02T01:00:00.000Z",
      "2026-06-02T01:30:00.000Z",
      "2026-06-02T02:00:00.000Z",
      "2026-06-02T02:30:00.000Z",
    ]);
    expect(slots[0]!.endsAt.toISOString()).toBe("2026-06-02T01:25:00.000Z");
  });

  it("expands nth-weekday monthly rules (second Tuesday, last Friday) across month and year ends", () => {
    expect(occurrenceDays(rule({ rrule: "FREQ=MONTHLY;BYDAY=2TU" }), "2026-11-01", "2027-02-28")).toEqual([
      "2026-11-10",
      "2026-12-08",
      "2027-01-12",
      "2027-02-09",
    ]);
    expect(occurrenceDays(rule({ rrule: "FREQ=MONTHLY;BYDAY=-1FR" }), "2026-01-01", "2026-03-31")).toEqual([
      "2026-01-30",
      "2026-02-27",
      "2026-03-27",
    ]);
  });

  it("keeps to the rule's validity", () => {
    expect(
      occurrenceDays(rule({ validFrom: "2026-06-09", validTo: "2026-06-23" }), "2026-06-01", "2026-06-30"),
    ).toEqual(["2026-06-09", "2026-06-16", "2026-06-23"]);
  });

  it("answers a repeated window from its cache with the same days, and another rule or window anew", () => {
    const weekly = rule({ validFrom: "2026-06-02" });
    const first = occurrenceDays(weekly, "2026-06-01", "2026-06-30");
    expect(occurrenceDays(weekly, "2026-06-01", "2026-06-30")).toBe(first);
    expect(first).toEqual(["2026-06-02", "2026-06-09", "2026-06-16", "2026-06-23", "2026-06-30"]);
    expect(Object.isFrozen(first)).toBe(true);
    // The window, the validity and the recurrence are all part of what is kept.
    expect(occurrenceDays(weekly, "2026-06-10", "2026-06-30")).toEqual([
      "2026-06-16",
      "2026-06-23",
      "2026-06-30",
    ]);
    expect(occurrenceDays({ ...weekly, validTo: "2026-06-15" }, "2026-06-01", "2026-06-30")).toEqual([
      "2026-06-02",
      "2026-06-09",
    ]);
    expect(occurrenceDays({ ...weekly, validFrom: "2026-06-03" }, "2026-06-01", "2026-06-30")).toEqual([
      "2026-06-09",
      "2026-06-16",
      "2026-06-23",
      "2026-06-30",
    ]);
    expect(occurrenceDays({ ...weekly, rrule: "FREQ=WEEKLY;BYDAY=MO" }, "2026-06-01", "2026-06-30")).toEqual([
      "2026-06-08",
      "2026-06-15",
      "2026-06-22",
      "2026-06-29",
    ]);
  });

  it("slots of a late range stay on their Beijing date at a month end", () => {
    const slots = computeSlots({
      rules: [rule({ rrule: "FREQ=MONTHLY;BYDAY=-1TU", startMinute: 22 * 60, endMinute: 24 * 60 })],
      now: monday,
      from: "2026-06-01",
      to: "2026-07-31",
    });
    expect(slots.map((slot) => shanghaiDay(slot.startsAt))).toEqual([
      ...Array(4).fill("2026-06-30"),
      ...Array(4).fill("2026-07-28"),
    ]);
    expect(slots.at(-1)!.endsAt.toISOString()).toBe("2026-07-28T16:00:00.000Z");
  });
});

describe("overrides and holidays", () => {
  const calendar = workingDayCalendar([{ day: "2026-06-16", kind: "holiday" }]);

  it("an official holiday closes the day unless the firm reopens it", () => {
    const base = { rules: [rule()], now: monday, from: "2026-06-15", to: "2026-06-21", calendar };
    expect(computeSlots(base)).toEqual([]);
    const reopened = computeSlots({
      ...base,
      overrides: [{ ruleId: "rule-1", day: "2026-06-16", kind: "reopened" }],
    });
    expect(reopened).toHaveLength(4);
  });

  it("a cancelled day has no slots; extra hours add slots, also on a day without the rule", () => {
    const slots = computeSlots({
      rules: [rule()],
      now: monday,
      from: "2026-06-01",
      to: "2026-06-14",
      overrides: [
        { ruleId: "rule-1", day: "2026-06-02", kind: "cancelled" },
        { ruleId: "rule-1", day: "2026-06-09", kind: "extra", startMinute: 14 * 60, endMinute: 15 * 60 },
        { ruleId: "rule-1", day: "2026-06-12", kind: "extra", startMinute: 10 * 60, endMinute: 11 * 60 },
        { ruleId: "other", day: "2026-06-09", kind: "cancelled" },
      ],
    });
    expect(slots.map((slot) => `${shanghaiDay(slot.startsAt)} ${shanghaiMinute(slot.startsAt)}`)).toEqual([
      "2026-06-09 540",
      "2026-06-09 570",
      "2026-06-09 600",
      "2026-06-09 630",
      "2026-06-09 840",
      "2026-06-09 870",
      "2026-06-12 600",
      "2026-06-12 630",
    ]);
  });
});

describe("booking policy", () => {
  it("minimum notice hides slots starting too soon", () => {
    // Tuesday 08:00: the 09:00 slot is within 2 h, 10:00 is not.
    const now = shanghaiInstant("2026-06-02", 8 * 60);
    const slots = computeSlots({ rules: [rule()], now, from: "2026-06-02", to: "2026-06-02" });
    expect(slots.map((slot) => shanghaiMinute(slot.startsAt))).toEqual([600, 630]);
  });

  it("the horizon hides slots further out than the rule allows", () => {
    const slots = computeSlots({
      rules: [rule({ horizonDays: 14 })],
      now: monday,
      from: "2026-06-01",
      to: "2026-07-31",
    });
    expect(new Set(slots.map((slot) => shanghaiDay(slot.startsAt)))).toEqual(
      new Set(["2026-06-02", "2026-06-09"]),
    );
  });

  it("bookings take places: a full slot disappears, a capacity-2 slot keeps one place", () => {
    const starts = shanghaiInstant("2026-06-02", 9 * 60);
    const busy = [
      { lawyerId: "lawyer-1", startsAt: starts, endsAt: new Date(starts.getTime() + 30 * 60_000) },
    ];
    const single = computeSlots({
      rules: [rule()],
      bookings: busy,
      now: monday,
      from: "2026-06-02",
      to: "2026-06-02",
    });
    expect(single.map((slot) => shanghaiMinute(slot.startsAt))).toEqual([570, 600, 630]);
    const double = computeSlots({
      rules: [rule({ capacity: 2 })],
      bookings: busy,
      now: monday,
      from: "2026-06-02",
      to: "2026-06-02",
    });
    expect(double[0]).toMatchObject({ remaining: 1, capacity: 2 });
    // A booking of another lawyer changes nothing.
    const other = computeSlots({
      rules: [rule()],
      bookings: [{ ...busy[0]!, lawyerId: "lawyer-2" }],
      now: monday,
      from: "2026-06-02",
      to: "2026-06-02",
    });
    expect(other).toHaveLength(4);
  });

  it("findRuleSlot answers only a slot the rule offers now", () => {
    const query = { rules: [rule()], now: monday };
    expect(findRuleSlot(query, "rule-1", shanghaiInstant("2026-06-02", 570))).toMatchObject({ capacity: 1 });
    expect(findRuleSlot(query, "rule-1", shanghaiInstant("2026-06-02", 575))).toBeNull();
    expect(findRuleSlot(query, "rule-1", shanghaiInstant("2026-06-03", 570))).toBeNull();
    expect(findRuleSlot(query, "missing", shanghaiInstant("2026-06-02", 570))).toBeNull();
  });

  it("cancellation cut-off: staff until the cut-off, the firm until the start, nobody after", () => {
    const booking = { startsAt: shanghaiInstant("2026-06-02", 9 * 60) };
    const hoursBefore = (hours: number) => new Date(booking.startsAt.getTime() - hours * 3_600_000);
    expect(changeAllowed(booking, 720, hoursBefore(13), "staff")).toBe("ok");
    expect(changeAllowed(booking, 720, hoursBefore(12), "staff")).toBe("ok");
    expect(changeAllowed(booking, 720, hoursBefore(11), "staff")).toBe("cutoff");
    expect(changeAllowed(booking, 720, hoursBefore(1), "firm")).toBe("ok");
    expect(changeAllowed(booking, 720, hoursBefore(0), "firm")).toBe("started");
  });
});
