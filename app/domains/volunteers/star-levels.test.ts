import { describe, expect, it } from "vitest";
import en from "~/locales/en/validation.json";
import zhCN from "~/locales/zh-CN/validation.json";
import {
  DEFAULT_STAR_THRESHOLDS,
  DEFAULT_STAR_THRESHOLD_HOURS,
  MAX_STAR_LEVELS,
  STAR_THRESHOLDS_MESSAGES,
  isValidStarThresholds,
  levelsReached,
  progressToNext,
  starLevelFor,
  starThresholdsInHours,
  starThresholdsIssues,
} from "./star-levels";
import { starThresholdHoursSchema, starThresholdsSchema } from "./star-level-schemas";

const H = 60;

describe("defaults", () => {
  it("are 100 / 300 / 600 / 1000 / 1500 hours, stored in minutes", () => {
    expect(DEFAULT_STAR_THRESHOLD_HOURS).toEqual([100, 300, 600, 1000, 1500]);
    expect(DEFAULT_STAR_THRESHOLDS).toEqual([6_000, 18_000, 36_000, 60_000, 90_000]);
    expect(starThresholdsInHours(DEFAULT_STAR_THRESHOLDS)).toEqual([100, 300, 600, 1000, 1500]);
    expect(isValidStarThresholds(DEFAULT_STAR_THRESHOLDS)).toBe(true);
  });

  it("cannot be changed by a caller", () => {
    expect(Object.isFrozen(DEFAULT_STAR_THRESHOLDS)).toBe(true);
    expect(() => (DEFAULT_STAR_THRESHOLDS as number[]).push(1)).toThrow(TypeError);
  });
});

describe("starLevelFor", () => {
  it("is 0 before the first threshold", () => {
    expect(starLevelFor(0)).toBe(0);
    expect(starLevelFor(100 * H - 1)).toBe(0);
  });

  it("reaches a level exactly at its threshold, not a minute earlier", () => {
    const cases: [number, number][] = [
      [100 * H - 1, 0],
      [100 * H, 1],
      [300 * H - 1, 1],
      [300 * H, 2],
      [600 * H - 1, 2],
      [600 * H, 3],
      [1000 * H - 1, 3],
      [1000 * H, 4],
      [1500 * H - 1, 4],
      [1500 * H, 5],
    ];
    for (const [minutes, level] of cases) expect(starLevelFor(minutes), `${minutes} min`).toBe(level);
  });

  it("stays at the highest level above the last threshold", () => {
    expect(starLevelFor(1500 * H + 1)).toBe(5);
    expect(starLevelFor(1_000_000 * H)).toBe(5);
  });

  it("uses a district's own thresholds", () => {
    const thresholds = [10 * H, 20 * H, 50 * H];
    expect(starLevelFor(9 * H + 59, thresholds)).toBe(0);
    expect(starLevelFor(10 * H, thresholds)).toBe(1);
    expect(starLevelFor(49 * H, thresholds)).toBe(2);
    expect(starLevelFor(50 * H, thresholds)).toBe(3);
    expect(starLevelFor(500 * H, thresholds)).toBe(3);
    expect(starLevelFor(1, [1])).toBe(1);
    expect(starLevelFor(0, [1])).toBe(0);
  });

  it("handles ten levels", () => {
    const ten = Array.from({ length: 10 }, (_, i) => (i + 1) * 100);
    expect(starLevelFor(999, ten)).toBe(9);
    expect(starLevelFor(1000, ten)).toBe(10);
  });

  it("refuses minutes that are negative, fractional or not numbers", () => {
    for (const minutes of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => starLevelFor(minutes), String(minutes)).toThrow(RangeError);
    }
  });

  it("refuses invalid thresholds instead of guessing", () => {
    for (const thresholds of [
      [],
      [300, 100],
      [100, 100],
      [0, 10],
      [10.5],
      Array(11)
        .fill(0)
        .map((_, i) => i + 1),
    ]) {
      expect(() => starLevelFor(1000, thresholds), JSON.stringify(thresholds)).toThrow(RangeError);
    }
  });
});

describe("progressToNext", () => {
  it("counts from zero before the first level", () => {
    expect(progressToNext(0)).toEqual({
      level: 0,
      nextLevel: 1,
      nextThresholdMinutes: 6_000,
      minutesToNext: 6_000,
      fractionDone: 0,
    });
    expect(progressToNext(50 * H)).toMatchObject({
      level: 0,
      nextLevel: 1,
      minutesToNext: 3_000,
      fractionDone: 0.5,
    });
  });

  it("measures the fraction between the current level's threshold and the next", () => {
    // Level 1 at 100 h, level 2 at 300 h: 150 h is a quarter of the way.
    expect(progressToNext(150 * H)).toEqual({
      level: 1,
      nextLevel: 2,
      nextThresholdMinutes: 18_000,
      minutesToNext: 150 * H,
      fractionDone: 0.25,
    });
  });

  it("starts a level at fraction 0 and ends one minute short of the next below 1", () => {
    expect(progressToNext(300 * H)).toMatchObject({
      level: 2,
      nextLevel: 3,
      minutesToNext: 300 * H,
      fractionDone: 0,
    });
    const almost = progressToNext(600 * H - 1);
    expect(almost).toMatchObject({ level: 2, nextLevel: 3, minutesToNext: 1 });
    expect(almost.fractionDone).toBeLessThan(1);
    expect(almost.fractionDone).toBeGreaterThan(0.99);
  });

  it("has no next level at the top", () => {
    for (const minutes of [1500 * H, 2000 * H]) {
      expect(progressToNext(minutes)).toEqual({
        level: 5,
        nextLevel: null,
        nextThresholdMinutes: null,
        minutesToNext: 0,
        fractionDone: 1,
      });
    }
  });

  it("uses custom thresholds", () => {
    expect(progressToNext(45, [30, 90])).toEqual({
      level: 1,
      nextLevel: 2,
      nextThresholdMinutes: 90,
      minutesToNext: 45,
      fractionDone: 0.25,
    });
    expect(progressToNext(90, [30, 90])).toMatchObject({ level: 2, nextLevel: null, fractionDone: 1 });
  });

  it("refuses invalid input", () => {
    expect(() => progressToNext(-5)).toThrow(RangeError);
    expect(() => progressToNext(10, [20, 10])).toThrow(RangeError);
  });
});

describe("levelsReached", () => {
  it("reports nothing when no threshold is crossed", () => {
    expect(levelsReached(0, 100 * H - 1)).toEqual({ before: 0, after: 0, reached: [], lost: [] });
    expect(levelsReached(200 * H, 200 * H)).toEqual({ before: 1, after: 1, reached: [], lost: [] });
  });

  it("reports the level reached exactly at its threshold", () => {
    expect(levelsReached(100 * H - 1, 100 * H)).toEqual({ before: 0, after: 1, reached: [1], lost: [] });
  });

  it("reports every level crossed at once, lowest first, never skipping one", () => {
    expect(levelsReached(0, 700 * H)).toEqual({ before: 0, after: 3, reached: [1, 2, 3], lost: [] });
    expect(levelsReached(299 * H, 5000 * H)).toEqual({
      before: 1,
      after: 5,
      reached: [2, 3, 4, 5],
      lost: [],
    });
  });

  it("reports nothing new above the highest level", () => {
    expect(levelsReached(1500 * H, 3000 * H)).toEqual({ before: 5, after: 5, reached: [], lost: [] });
  });

  it("reports a lowering correction as levels lost, never as levels reached", () => {
    expect(levelsReached(310 * H, 290 * H)).toEqual({ before: 2, after: 1, reached: [], lost: [2] });
    expect(levelsReached(1600 * H, 50 * H)).toEqual({
      before: 5,
      after: 0,
      reached: [],
      lost: [5, 4, 3, 2, 1],
    });
    // Lowered but still above the threshold: nothing changes.
    expect(levelsReached(350 * H, 300 * H)).toEqual({ before: 2, after: 2, reached: [], lost: [] });
  });

  it("reports a level again after it was lost and regained", () => {
    const down = levelsReached(100 * H, 99 * H);
    const up = levelsReached(99 * H, 101 * H);
    expect(down.lost).toEqual([1]);
    expect(up.reached).toEqual([1]);
  });

  it("uses custom thresholds", () => {
    const thresholds = [60, 120, 180];
    expect(levelsReached(59, 180, thresholds)).toEqual({ before: 0, after: 3, reached: [1, 2, 3], lost: [] });
    expect(levelsReached(180, 119, thresholds)).toEqual({ before: 3, after: 1, reached: [], lost: [3, 2] });
  });

  it("refuses invalid minutes and thresholds", () => {
    expect(() => levelsReached(-1, 10)).toThrow(/beforeMinutes/);
    expect(() => levelsReached(10, 2.5)).toThrow(/afterMinutes/);
    expect(() => levelsReached(0, 10, [])).toThrow(RangeError);
  });
});

describe("starThresholdsIssues", () => {
  it("finds nothing wrong with 1 to 10 strictly increasing positive whole numbers", () => {
    expect(starThresholdsIssues([1])).toEqual([]);
    expect(starThresholdsIssues(Array.from({ length: MAX_STAR_LEVELS }, (_, i) => (i + 1) * 60))).toEqual([]);
  });

  it("names each problem and where it is", () => {
    expect(starThresholdsIssues([])).toEqual([{ problem: "required", index: null }]);
    expect(starThresholdsIssues(Array.from({ length: 11 }, (_, i) => i + 1))).toEqual([
      { problem: "tooMany", index: null },
    ]);
    expect(starThresholdsIssues([60, 0, -5, 1.5, 120, 120, 90])).toEqual([
      { problem: "notPositive", index: 1 },
      { problem: "notPositive", index: 2 },
      { problem: "notInteger", index: 3 },
      { problem: "notIncreasing", index: 5 },
      { problem: "notIncreasing", index: 6 },
    ]);
    expect(starThresholdsIssues([6_000_001])).toEqual([{ problem: "tooLarge", index: 0 }]);
    expect(starThresholdsIssues([6_000_000])).toEqual([]);
  });
});

function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  return (result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]);
}

describe("starThresholdsSchema (minutes)", () => {
  it("accepts valid thresholds unchanged", () => {
    expect(starThresholdsSchema.parse([6_000, 18_000])).toEqual([6_000, 18_000]);
    expect(starThresholdsSchema.parse([...DEFAULT_STAR_THRESHOLDS])).toEqual(DEFAULT_STAR_THRESHOLDS);
  });

  it("reports each problem with its i18n key on the offending entry", () => {
    expect(messages(starThresholdsSchema.safeParse([]))).toEqual([
      ["", "validation:starThresholds.required"],
    ]);
    expect(
      messages(starThresholdsSchema.safeParse(Array.from({ length: 11 }, (_, i) => (i + 1) * 60))),
    ).toEqual([["", "validation:starThresholds.tooMany"]]);
    expect(messages(starThresholdsSchema.safeParse([600, 300]))).toEqual([
      ["1", "validation:starThresholds.notIncreasing"],
    ]);
    expect(messages(starThresholdsSchema.safeParse([600, 600]))).toEqual([
      ["1", "validation:starThresholds.notIncreasing"],
    ]);
    expect(messages(starThresholdsSchema.safeParse([0]))).toEqual([
      ["0", "validation:starThresholds.notPositive"],
    ]);
    expect(messages(starThresholdsSchema.safeParse([60.5]))).toEqual([
      ["0", "validation:starThresholds.notInteger"],
    ]);
    expect(messages(starThresholdsSchema.safeParse([7_000_000]))).toEqual([
      ["0", "validation:starThresholds.tooLarge"],
    ]);
  });

  it("refuses what is not a list of numbers", () => {
    for (const input of [
      null,
      "6000",
      { 0: 6000 },
      [6000, "18000"],
      [Number.NaN],
      [Number.POSITIVE_INFINITY],
    ]) {
      const result = starThresholdsSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      expect(messages(result).map(([, message]) => message)).toContain("validation:starThresholds.invalid");
    }
  });
});

describe("starThresholdHoursSchema (settings form)", () => {
  it("turns whole hours from a form into minutes", () => {
    expect(starThresholdHoursSchema.parse(["100", "300", "600", "1000", "1500"])).toEqual(
      DEFAULT_STAR_THRESHOLDS,
    );
    expect(starThresholdHoursSchema.parse([50, 120])).toEqual([3_000, 7_200]);
  });

  it("folds full-width digits, spaces and thousands separators; drops blank trailing fields", () => {
    expect(starThresholdHoursSchema.parse(["１００", " 300 ", "1,000", "", "  "])).toEqual([
      6_000, 18_000, 60_000,
    ]);
  });

  it("reports problems in hours with the same keys", () => {
    expect(messages(starThresholdHoursSchema.safeParse(["", ""]))).toEqual([
      ["", "validation:starThresholds.required"],
    ]);
    expect(messages(starThresholdHoursSchema.safeParse(["100", "50"]))).toEqual([
      ["1", "validation:starThresholds.notIncreasing"],
    ]);
    expect(messages(starThresholdHoursSchema.safeParse(["100.5"]))).toEqual([
      ["0", "validation:starThresholds.notInteger"],
    ]);
    expect(messages(starThresholdHoursSchema.safeParse(["-3"]))).toEqual([
      ["0", "validation:starThresholds.notPositive"],
    ]);
    expect(messages(starThresholdHoursSchema.safeParse(["100001"]))).toEqual([
      ["0", "validation:starThresholds.tooLarge"],
    ]);
    expect(starThresholdHoursSchema.parse(["100000"])).toEqual([6_000_000]);
    expect(messages(starThresholdHoursSchema.safeParse(["100", "abc"]))).toEqual([
      ["1", "validation:starThresholds.invalid"],
    ]);
    expect(messages(starThresholdHoursSchema.safeParse(["", "100"]))).toEqual([
      ["0", "validation:starThresholds.invalid"],
    ]);
    expect(messages(starThresholdHoursSchema.safeParse("100"))).toEqual([
      ["", "validation:starThresholds.invalid"],
    ]);
  });
});

describe("messages", () => {
  it("every key the schemas use is translated in both languages", () => {
    const keys = [...Object.values(STAR_THRESHOLDS_MESSAGES), "validation:starThresholds.invalid"];
    for (const locale of [zhCN, en] as Record<string, unknown>[]) {
      const section = locale.starThresholds as Record<string, string>;
      for (const key of keys) {
        const leaf = key.replace("validation:starThresholds.", "");
        expect(section[leaf], key).toBeTruthy();
      }
      expect(Object.keys(section).sort()).toEqual(keys.map((key) => key.split(".").at(-1)).sort());
    }
  });
});
