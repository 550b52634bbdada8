/**
 * The zod schemas of the star thresholds (stored minutes, and the settings form's hours), apart from
 * the pure rules in star-levels.ts so pages that only need the rules and defaults do not load zod with
 * the page (the form loads this module on its first validation: first-load JS budget).
 */
import { z } from "zod";
import {
  INVALID_MESSAGE,
  MAX_STAR_THRESHOLD_HOURS,
  MAX_STAR_THRESHOLD_MINUTES,
  MINUTES_PER_HOUR,
  STAR_THRESHOLDS_MESSAGES,
  type StarThresholds,
  starThresholdsIssues,
} from "./star-levels";

function addThresholdIssues(values: readonly number[], max: number, ctx: z.RefinementCtx) {
  for (const issue of starThresholdsIssues(values, max)) {
    ctx.addIssue({
      code: "custom",
      message: STAR_THRESHOLDS_MESSAGES[issue.problem],
      path: issue.index === null ? [] : [issue.index],
    });
  }
}

/** A district's thresholds as stored: whole minutes, strictly increasing, 1–10 levels. */
export const starThresholdsSchema = z
  .array(z.number({ error: INVALID_MESSAGE }), { error: INVALID_MESSAGE })
  .superRefine((values, ctx) => addThresholdIssues(values, MAX_STAR_THRESHOLD_MINUTES, ctx))
  .transform((values): StarThresholds => values);

/** One hours field of the settings form: a number, or its text (full-width digits and spaces allowed). */
const hoursEntry = z.union([z.number(), z.string()], { error: INVALID_MESSAGE }).transform((value, ctx) => {
  if (typeof value === "number") return value;
  const text = value.normalize("NFKC").replace(/[\s,]+/gu, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    ctx.addIssue({ code: "custom", message: INVALID_MESSAGE });
    return z.NEVER;
  }
  return Number(text);
});

/**
 * The settings form's thresholds in whole hours (blank trailing fields dropped), validated and
 * turned into minutes for storage.
 */
export const starThresholdHoursSchema = z
  .array(z.unknown(), { error: INVALID_MESSAGE })
  .transform((values) => {
    const entries = [...values];
    while (entries.length > 0 && isBlank(entries[entries.length - 1])) entries.pop();
    return entries;
  })
  .pipe(z.array(hoursEntry))
  .superRefine((hours, ctx) => addThresholdIssues(hours, MAX_STAR_THRESHOLD_HOURS, ctx))
  .transform((hours): StarThresholds => hours.map((value) => value * MINUTES_PER_HOUR));

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** The settings form (/admin/star-levels): one box per level, `threshold.0` … `threshold.9`. */
export const starLevelsFormSchema = z.object({ threshold: starThresholdHoursSchema });
