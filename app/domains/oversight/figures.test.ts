import { describe, expect, it } from "vitest";
import {
  baseFigures,
  beijingDay,
  dashboardOrder,
  figureGroups,
  figureOf,
  isRate,
  parsePeriod,
  periodChoices,
  rateFigures,
  recordsFigureOf,
  suppressSmall,
  trendMonths,
  valueOf,
} from "./figures";

const now = new Date("2026-11-30T17:30:00Z"); // 1 December 01:30 in Beijing

describe("periods (Beijing calendar)", () => {
  it("the current month is Beijing's, not UTC's", () => {
    expect(beijingDay(now)).toBe("2026-12-01");
    expect(parsePeriod(undefined, now)).toEqual({
      kind: "month",
      key: "2026-12",
      start: "2026-12-01",
      end: "2027-01-01",
    });
  });

  it("parses months and years, and falls back to the current month for anything else or the future", () => {
    expect(parsePeriod("2026-02", now)).toMatchObject({ start: "2026-02-01", end: "2026-03-01" });
    expect(parsePeriod("2025", now)).toMatchObject({ kind: "year", start: "2025-01-01", end: "2026-01-01" });
    for (const bad of ["2026-13", "2027-01", "1999", "abc", "2026-1", ""]) {
      expect(parsePeriod(bad, now).key, bad).toBe("2026-12");
    }
  });

  it("a trend is the twelve months up to the period's (a year's last month, or now)", () => {
    const months = trendMonths(parsePeriod("2026-03", now), now).map((month) => month.key);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-04");
    expect(months.at(-1)).toBe("2026-03");
    expect(trendMonths(parsePeriod("2025", now), now).at(-1)!.key).toBe("2025-12");
    expect(trendMonths(parsePeriod("2026", now), now).at(-1)!.key).toBe("2026-12");
  });

  it("offers the last 12 months and two years", () => {
    const keys = periodChoices(now).map((period) => period.key);
    expect(keys.slice(0, 2)).toEqual(["2026-12", "2026-11"]);
    expect(keys.slice(-2)).toEqual(["2026", "2025"]);
  });
});

describe("figures", () => {
  it("every rate divides two base figures, and every shown figure is on a dashboard", () => {
    for (const rate of rateFigures) {
      expect(figureOf(rate.numerator), rate.key).toBeDefined();
      expect(figureOf(rate.denominator), rate.key).toBeDefined();
    }
    const ordered = figureGroups.flatMap((group) => dashboardOrder[group]);
    for (const figure of baseFigures.filter((candidate) => candidate.shown))
      expect(ordered).toContain(figure.key);
    for (const key of ordered) expect(figureOf(key), key).toBeDefined();
  });

  it("a rate links to its denominator's records; a rate of nothing is unknown, a median of nothing too", () => {
    expect(recordsFigureOf("matching.resolutionRate")).toBe("matching.referralsClosed");
    const values = new Map([
      ["matching.referralsResolved", 3],
      ["matching.referralsClosed", 4],
    ]);
    expect(valueOf(values, "matching.resolutionRate")).toBe(0.75);
    expect(valueOf(values, "legal.noShowRate")).toBeNull();
    expect(valueOf(values, "matching.acceptMinutes")).toBeNull();
    expect(valueOf(values, "volunteers.minutes")).toBe(0);
    expect(isRate(figureOf("legal.noShowRate")!)).toBe(true);
  });

  it("suppresses public counts below 5", () => {
    expect([0, 1, 4, 5, 120].map(suppressSmall)).toEqual([null, null, null, 5, 120]);
  });
});
