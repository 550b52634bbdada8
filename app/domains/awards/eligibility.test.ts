import { describe, expect, it } from "vitest";
import { criteriaOf, evaluate, publicName, rankCandidates } from "./eligibility";
import { awardTypeSchema } from "./validation";
import { periodKeyOf, periodOf, recentPeriods, summaryPeriodKey } from "./periods";

describe("eligibility", () => {
  it("compares each criterion that applies with the recorded figure", () => {
    expect(evaluate({ minutes: 6000, activities: null }, { minutes: 6000 })).toEqual({
      eligible: true,
      checks: [{ figure: "minutes", required: 6000, actual: 6000, met: true }],
      margin: 1,
    });
    const short = evaluate({ minutes: 6000, activities: 10 }, { minutes: 9000, activities: 4 });
    expect(short.eligible).toBe(false);
    expect(short.checks.map((c) => c.met)).toEqual([true, false]);
    expect(short.margin).toBeCloseTo(0.4);
  });

  it("ranks eligible candidates first, by margin, then by the main figure and name", () => {
    const ranked = rankCandidates({ minutes: 6000 }, [
      { id: "a", name: "王芳", figures: { minutes: 5000 } },
      { id: "b", name: "陈晓明", figures: { minutes: 9000 } },
      { id: "c", name: "赵磊", figures: { minutes: 6000 } },
      { id: "d", name: "林小雨", figures: { minutes: 0 } },
    ]);
    expect(ranked.map((c) => [c.id, c.rank, c.eligible])).toEqual([
      ["b", 1, true],
      ["c", 2, true],
      ["a", 3, false],
    ]);
  });

  it("masks a person's name on the honour roll unless they consented", () => {
    expect(publicName("陈晓明", "volunteer", false)).toBe("陈某");
    expect(publicName("陈晓明", "volunteer", true)).toBe("陈晓明");
    expect(publicName("Mary Ann Lee", "volunteer", false)).toBe("M. A. L.");
    expect(publicName("阳光心理服务中心", "organization", false)).toBe("阳光心理服务中心");
  });
});

describe("award periods", () => {
  it("reads years and half-years as Beijing dates", () => {
    expect(periodOf("year", "2026")).toEqual({ key: "2026", start: "2026-01-01", end: "2026-12-31" });
    expect(periodOf("half_year", "2026-H1")).toEqual({
      key: "2026-H1",
      start: "2026-01-01",
      end: "2026-06-30",
    });
    expect(periodOf("half_year", "2026-H2")).toEqual({
      key: "2026-H2",
      start: "2026-07-01",
      end: "2026-12-31",
    });
    expect(periodOf("year", "2026-H1")).toBeNull();
    expect(periodOf("half_year", "2026")).toBeNull();
    expect(periodOf("year", "26")).toBeNull();
  });

  it("offers the current period and the two before", () => {
    expect(recentPeriods("year", "2026-12-02").map((p) => p.key)).toEqual(["2026", "2025", "2024"]);
    expect(recentPeriods("half_year", "2026-12-02").map((p) => p.key)).toEqual([
      "2026-H2",
      "2026-H1",
      "2025-H2",
    ]);
    expect(recentPeriods("half_year", "2026-03-01").map((p) => p.key)).toEqual([
      "2026-H1",
      "2025-H2",
      "2025-H1",
    ]);
    expect(periodKeyOf("2026-07-01", "2026-12-31")).toBe("2026-H2");
    expect(periodKeyOf("2026-01-01", "2026-12-31")).toBe("2026");
  });

  it("names the summary row of exactly a year or a half-year, and of no other span", () => {
    for (const kind of ["year", "half_year"] as const) {
      for (const period of recentPeriods(kind, "2026-12-02")) {
        expect(summaryPeriodKey(period.start, period.end)).toBe(period.key);
      }
    }
    expect(summaryPeriodKey("2026-01-01", "2026-06-29")).toBeNull();
    expect(summaryPeriodKey("2026-03-01", "2026-12-31")).toBeNull();
    expect(summaryPeriodKey("2025-07-01", "2026-06-30")).toBeNull();
    expect(summaryPeriodKey("2025-01-01", "2026-12-31")).toBeNull();
  });
});

describe("criteria of other nominees", () => {
  const base = {
    nameZh: "爱心企业",
    nameEn: "Caring Enterprise",
    periodKind: "year",
    noticeWorkingDays: "5",
  };
  const issues = (input: Record<string, string>) => {
    const result = awardTypeSchema.safeParse({ ...base, ...input });
    return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
  };

  it("accepts only criteria the nominee's records have a figure for", () => {
    expect(issues({ nomineeKind: "enterprise", minPlacements: "3", minRetained90: "2" })).toEqual([]);
    expect(issues({ nomineeKind: "enterprise", minHours: "50", minPlacements: "3" })).toEqual([
      ["minHours", "validation:awards.criterionNotForKind"],
    ]);
    expect(issues({ nomineeKind: "law_firm", minConsultations: "", minReferralsResolved: "" })).toEqual([
      ["minConsultations", "validation:awards.criteriaRequired"],
    ]);
    expect(issues({ nomineeKind: "volunteer", minConsultations: "4" })).toEqual([
      ["minConsultations", "validation:awards.criterionNotForKind"],
      ["minHours", "validation:awards.criteriaRequired"],
    ]);
  });

  it("reads a type's criterion columns as figures, and evaluates retention like any figure", () => {
    const criteria = criteriaOf({
      minMinutes: null,
      minActivities: null,
      minPlacements: 3,
      minRetained30: null,
      minRetained90: 2,
      minRetained180: null,
      minConsultations: null,
      minReferralsResolved: null,
    });
    expect(evaluate(criteria, { placements: 4, retained90: 1 }).checks).toEqual([
      { figure: "placements", required: 3, actual: 4, met: true },
      { figure: "retained90", required: 2, actual: 1, met: false },
    ]);
  });
});
