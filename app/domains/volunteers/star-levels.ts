/**
 * Star levels (星级志愿者) from a volunteer's approved service minutes. Pure: no I/O.
 *
 * A district configures its thresholds (default 100 / 300 / 600 / 1000 / 1500 hours); level n is held
 * once the approved total reaches the n-th threshold. Everything is stored and compared in whole
 * minutes, so 99 h 59 min is never rounded up to a star. Levels are reached in order and never
 * skipped: a total that jumps past two thresholds at once reaches both, lower first.
 *
 * Its zod schemas (messages are i18n keys of the "validation" namespace) are in star-level-schemas.ts.
 */

export const MINUTES_PER_HOUR = 60;

/** The fewest and most levels a district can configure. */
export const MIN_STAR_LEVELS = 1;
export const MAX_STAR_LEVELS = 10;

/** The highest threshold a district can set: 100,000 hours, far above any real total. */
export const MAX_STAR_THRESHOLD_HOURS = 100_000;
export const MAX_STAR_THRESHOLD_MINUTES = MAX_STAR_THRESHOLD_HOURS * MINUTES_PER_HOUR;

/** The default thresholds in hours, as the product brief states them. */
export const DEFAULT_STAR_THRESHOLD_HOURS: readonly number[] = Object.freeze([100, 300, 600, 1000, 1500]);

/** Thresholds in whole minutes, strictly increasing; index 0 is the threshold of level 1. */
export type StarThresholds = readonly number[];

/** The default thresholds in minutes: 6,000 / 18,000 / 36,000 / 60,000 / 90,000. */
export const DEFAULT_STAR_THRESHOLDS: StarThresholds = Object.freeze(
  DEFAULT_STAR_THRESHOLD_HOURS.map((hours) => hours * MINUTES_PER_HOUR),
);

export type StarThresholdsProblem =
  "required" | "tooMany" | "notInteger" | "notPositive" | "tooLarge" | "notIncreasing";

/** The message key of each problem; every key is written out so the locale check finds it. */
export const STAR_THRESHOLDS_MESSAGES = {
  required: "validation:starThresholds.required",
  tooMany: "validation:starThresholds.tooMany",
  notInteger: "validation:starThresholds.notInteger",
  notPositive: "validation:starThresholds.notPositive",
  tooLarge: "validation:starThresholds.tooLarge",
  notIncreasing: "validation:starThresholds.notIncreasing",
} as const satisfies Record<StarThresholdsProblem, string>;

/** Not a list of numbers at all (a malformed form or a corrupt setting). */
export const INVALID_MESSAGE = "validation:starThresholds.invalid";

export interface StarThresholdsIssue {
  problem: StarThresholdsProblem;
  /** The offending entry, or null for a problem of the whole list (empty, too long). */
  index: number | null;
}

/**
 * Every problem of a thresholds list in minutes (`max` is the largest allowed threshold, in the same
 * unit as the list). Empty when the list is valid.
 */
export function starThresholdsIssues(
  thresholds: readonly number[],
  max: number = MAX_STAR_THRESHOLD_MINUTES,
): StarThresholdsIssue[] {
  const issues: StarThresholdsIssue[] = [];
  if (thresholds.length < MIN_STAR_LEVELS) issues.push({ problem: "required", index: null });
  if (thresholds.length > MAX_STAR_LEVELS) issues.push({ problem: "tooMany", index: null });
  thresholds.forEach((value, index) => {
    if (!Number.isInteger(value)) issues.push({ problem: "notInteger", index });
    else if (value <= 0) issues.push({ problem: "notPositive", index });
    else if (value > max) issues.push({ problem: "tooLarge", index });
    else if (index > 0 && value <= thresholds[index - 1]!) issues.push({ problem: "notIncreasing", index });
  });
  return issues;
}

export function isValidStarThresholds(thresholds: readonly number[]): boolean {
  return starThresholdsIssues(thresholds).length === 0;
}

/** Thresholds in minutes shown as hours (a threshold set in minutes may show a fraction). */
export function starThresholdsInHours(thresholds: StarThresholds): number[] {
  return thresholds.map((minutes) => minutes / MINUTES_PER_HOUR);
}

function assertThresholds(thresholds: StarThresholds): void {
  const [first] = starThresholdsIssues(thresholds);
  if (first) {
    throw new RangeError(
      `Invalid star thresholds [${thresholds.join(", ")}]: ${first.problem}` +
        (first.index === null ? "" : ` at index ${first.index}`),
    );
  }
}

function assertMinutes(minutes: number, name = "minutes"): void {
  if (!Number.isInteger(minutes) || minutes < 0) {
    throw new RangeError(`${name} must be a non-negative whole number of minutes, got ${minutes}`);
  }
}

/** The star level held with `minutes` approved: 0 for none, else 1…thresholds.length. */
export function starLevelFor(minutes: number, thresholds: StarThresholds = DEFAULT_STAR_THRESHOLDS): number {
  assertThresholds(thresholds);
  assertMinutes(minutes);
  let level = 0;
  while (level < thresholds.length && minutes >= thresholds[level]!) level++;
  return level;
}

export interface StarProgress {
  /** The level held now (0 = none). */
  level: number;
  /** The next level, or null at the highest level. */
  nextLevel: number | null;
  /** The threshold of the next level in minutes, or null at the highest level. */
  nextThresholdMinutes: number | null;
  /** Minutes still needed for the next level; 0 at the highest level. */
  minutesToNext: number;
  /**
   * How far from the current level's threshold (0 for level 0) to the next one, in [0, 1); exactly 1
   * at the highest level. Meant for a progress bar.
   */
  fractionDone: number;
}

/** Where `minutes` stands between the current level and the next. */
export function progressToNext(
  minutes: number,
  thresholds: StarThresholds = DEFAULT_STAR_THRESHOLDS,
): StarProgress {
  const level = starLevelFor(minutes, thresholds);
  if (level === thresholds.length) {
    return { level, nextLevel: null, nextThresholdMinutes: null, minutesToNext: 0, fractionDone: 1 };
  }
  const floor = level === 0 ? 0 : thresholds[level - 1]!;
  const next = thresholds[level]!;
  return {
    level,
    nextLevel: level + 1,
    nextThresholdMinutes: next,
    minutesToNext: next - minutes,
    fractionDone: (minutes - floor) / (next - floor),
  };
}

export interface StarLevelChange {
  /** The level held before and after the change of the approved total. */
  before: number;
  after: number;
  /** Levels newly reached, lowest first (one email each, in this order); empty unless after > before. */
  reached: number[];
  /** Levels no longer held after a lowering correction, highest first; empty unless after < before. */
  lost: number[];
}

/**
 * The levels crossed when the approved total moves from `beforeMinutes` to `afterMinutes`: an approval
 * can only raise it, a correction can lower it, and then the drop is reported in `lost`, never as a
 * level reached.
 */
export function levelsReached(
  beforeMinutes: number,
  afterMinutes: number,
  thresholds: StarThresholds = DEFAULT_STAR_THRESHOLDS,
): StarLevelChange {
  assertMinutes(beforeMinutes, "beforeMinutes");
  assertMinutes(afterMinutes, "afterMinutes");
  const before = starLevelFor(beforeMinutes, thresholds);
  const after = starLevelFor(afterMinutes, thresholds);
  const reached: number[] = [];
  const lost: number[] = [];
  for (let level = before + 1; level <= after; level++) reached.push(level);
  for (let level = before; level > after; level--) lost.push(level);
  return { before, after, reached, lost };
}
