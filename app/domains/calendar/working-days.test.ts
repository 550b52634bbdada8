import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addWorkingDays,
  calendarDateOf,
  type CalendarException,
  isWorkingDay,
  WEEKENDS_ONLY,
  workingDayCalendar,
  workingDaysBetween,
} from "./working-days";

/**
 * The exceptions exactly as migration 0018 seeds them, so these tests check the data against the
 * State Council's 2025 and 2026 notices as well as the arithmetic.
 */
function seededExceptions(): CalendarException[] {
  const sql = readFileSync(new URL("../../../db/migrations/0018_holidays.sql", import.meta.url), "utf8");
  return [...sql.matchAll(/\('(\d{4}-\d{2}-\d{2})', '(holiday|workday)'/g)].map((match) => ({
    day: match[1]!,
    kind: match[2] as CalendarException["kind"],
  }));
}

const official = workingDayCalendar(seededExceptions());
const working = (date: string) => isWorkingDay(date, official);

describe("the seeded 2025–2026 schedule", () => {
  it("2025 National Day and Mid-Autumn: Oct 1–8 off, Sunday Sep 28 and Saturday Oct 11 worked", () => {
    for (let day = 1; day <= 8; day++) expect(working(`2025-10-0${day}`), `Oct ${day}`).toBe(false);
    expect(working("2025-09-28")).toBe(true); // Sunday, make-up day
    expect(working("2025-10-11")).toBe(true); // Saturday, make-up day
    expect(working("2025-10-09")).toBe(true);
    expect(working("2025-10-12")).toBe(false); // an ordinary Sunday
  });

  it("2025 Spring Festival: Jan 28–Feb 4 off, Sunday Jan 26 and Saturday Feb 8 worked", () => {
    for (const day of ["01-28", "01-29", "01-30", "01-31", "02-01", "02-02", "02-03", "02-04"]) {
      expect(working(`2025-${day}`), day).toBe(false);
    }
    expect(working("2025-01-26")).toBe(true);
    expect(working("2025-02-08")).toBe(true);
    expect(working("2025-01-27")).toBe(true);
    expect(working("2025-02-05")).toBe(true);
  });

  it("2026 Spring Festival: Feb 15–23 off, Saturdays Feb 14 and Feb 28 worked", () => {
    for (let day = 15; day <= 23; day++) expect(working(`2026-02-${day}`), `Feb ${day}`).toBe(false);
    expect(working("2026-02-14")).toBe(true);
    expect(working("2026-02-28")).toBe(true);
    expect(working("2026-02-24")).toBe(true);
  });

  it("2026 National Day: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 worked; Mid-Autumn Sep 25–27", () => {
    for (let day = 1; day <= 7; day++) expect(working(`2026-10-0${day}`), `Oct ${day}`).toBe(false);
    expect(working("2026-09-20")).toBe(true);
    expect(working("2026-10-10")).toBe(true);
    expect(working("2026-09-25")).toBe(false); // Friday, Mid-Autumn
    expect(working("2026-10-08")).toBe(true);
  });

  it("differs from weekends alone exactly on the seeded days", () => {
    expect(isWorkingDay("2025-10-01", WEEKENDS_ONLY)).toBe(true);
    expect(isWorkingDay("2025-09-28", WEEKENDS_ONLY)).toBe(false);
  });
});

describe("addWorkingDays", () => {
  it("skips the National Day week (2025)", () => {
    expect(addWorkingDays("2025-09-30", 1, official)).toBe("2025-10-09");
    expect(addWorkingDays("2025-09-30", 2, official)).toBe("2025-10-10");
    expect(addWorkingDays("2025-09-30", 3, official)).toBe("2025-10-11"); // the make-up Saturday
    expect(addWorkingDays("2025-09-26", 1, official)).toBe("2025-09-28"); // the make-up Sunday
  });

  it("counts the make-up Saturdays of the 2026 Spring Festival", () => {
    expect(addWorkingDays("2026-02-13", 1, official)).toBe("2026-02-14");
    expect(addWorkingDays("2026-02-14", 1, official)).toBe("2026-02-24");
    // A notice posted on Thursday Feb 12 has had five working days on Thursday Feb 26.
    expect(addWorkingDays("2026-02-12", 5, official)).toBe("2026-02-26");
    // Weekends alone would put it before the holiday ends.
    expect(addWorkingDays("2026-02-12", 5, WEEKENDS_ONLY)).toBe("2026-02-19");
  });

  it("a referral of 2 working days across the 2026 National Day holiday", () => {
    expect(addWorkingDays("2026-09-30", 2, official)).toBe("2026-10-09");
    expect(addWorkingDays("2026-10-08", 2, official)).toBe("2026-10-10"); // the make-up Saturday
  });

  it("crosses the year end into New Year's Day 2026 and its make-up Sunday", () => {
    expect(addWorkingDays("2025-12-31", 1, official)).toBe("2026-01-04");
    expect(addWorkingDays("2025-12-31", 2, official)).toBe("2026-01-05");
    expect(addWorkingDays("2025-12-26", 4, official)).toBe("2026-01-04");
    expect(addWorkingDays("2025-12-26", 5, official)).toBe("2026-01-05");
  });

  it("counts backwards with a negative n, and 0 is the day itself", () => {
    expect(addWorkingDays("2025-10-09", -1, official)).toBe("2025-09-30");
    expect(addWorkingDays("2026-01-05", -2, official)).toBe("2025-12-31");
    expect(addWorkingDays("2025-10-03", 0, official)).toBe("2025-10-03");
  });

  it("refuses what is not a calendar date or a whole number", () => {
    expect(() => addWorkingDays("2025-02-30", 1, official)).toThrow(RangeError);
    expect(() => addWorkingDays("2025/10/01", 1, official)).toThrow(/Not a calendar date/);
    expect(() => addWorkingDays("2025-10-01", 1.5, official)).toThrow(/whole number/);
    expect(() => workingDayCalendar([{ day: "2025-13-01", kind: "holiday" }])).toThrow(RangeError);
  });
});

describe("workingDaysBetween", () => {
  it("counts the working days after the start, up to and including the end", () => {
    expect(workingDaysBetween("2025-09-30", "2025-10-12", official)).toBe(3);
    expect(workingDaysBetween("2025-01-27", "2025-02-09", official)).toBe(4);
    expect(workingDaysBetween("2026-02-12", "2026-02-26", official)).toBe(5);
    expect(workingDaysBetween("2025-12-31", "2026-01-05", official)).toBe(2);
    expect(workingDaysBetween("2025-10-03", "2025-10-03", official)).toBe(0);
  });

  it("is negative when the end comes first", () => {
    expect(workingDaysBetween("2025-10-12", "2025-09-30", official)).toBe(-3);
  });

  it("inverts addWorkingDays on every start date of 2025–2026", () => {
    for (let start = "2025-01-01"; start < "2027-01-01"; start = addCalendarDays(start, 1)) {
      for (const n of [0, 1, 2, 5, 20]) {
        expect(workingDaysBetween(start, addWorkingDays(start, n, official), official)).toBe(n);
      }
    }
  });

  it("matches the years' totals counted by hand from the notices", () => {
    // 2026: 261 weekdays − 19 holidays on weekdays + 6 make-up weekend days.
    expect(workingDaysBetween("2025-12-31", "2026-12-31", official)).toBe(248);
    // 2025: 261 weekdays − 18 holidays on weekdays + 5 make-up weekend days.
    expect(workingDaysBetween("2024-12-31", "2025-12-31", official)).toBe(248);
  });
});

describe("calendarDateOf", () => {
  it("is the date in Beijing, not in UTC", () => {
    expect(calendarDateOf(new Date("2025-09-30T16:30:00Z"))).toBe("2025-10-01");
    expect(calendarDateOf(new Date("2025-09-30T15:59:59Z"))).toBe("2025-09-30");
  });
});
