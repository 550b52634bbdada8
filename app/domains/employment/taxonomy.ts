/**
 * The employment domain's categories (ADR 007: `as const` tuples; the CHECKs of
 * db/schema/employment.ts are written from the same lists, and a unit test compares them).
 */
export const jobCategories = [
  "manufacturing",
  "construction",
  "logistics",
  "catering",
  "retail",
  "cleaning",
  "agriculture",
  "services",
  "office",
  "other",
] as const;
export type JobCategory = (typeof jobCategories)[number];

export const industries = [
  "manufacturing",
  "construction",
  "logistics",
  "catering",
  "retail",
  "services",
  "agriculture",
  "technology",
  "other",
] as const;

export const enterpriseSizes = ["micro", "small", "medium", "large"] as const;

/**
 * Why a referral did not end in a hire. A criminal record (or being under community corrections)
 * is not among them and never can be: 《社区矫正法》第四条 — people under corrections must not be
 * discriminated against in employment; every referred candidate is under corrections by definition.
 */
export const notHiredReasons = [
  "skills_mismatch",
  "position_filled",
  "candidate_declined",
  "no_show",
  "schedule_mismatch",
  "other",
] as const;
export type NotHiredReason = (typeof notHiredReasons)[number];

/** Reasons refused with an explanation (a form may still post them). */
export const refusedNotHiredReasons = ["criminal_record"] as const;

export const placementEndReasons = ["resigned", "dismissed", "contract_ended", "moved", "other"] as const;
export type PlacementEndReason = (typeof placementEndReasons)[number];

export const educationLevels = [
  "primary",
  "junior_secondary",
  "senior_secondary",
  "vocational",
  "college",
  "bachelor",
  "postgraduate",
] as const;

export const availabilities = ["full_time", "part_time", "shifts", "weekends"] as const;

/** Retention check-ins after a hire, in days (reentry programmes' 30 / 90 / 180). */
export const retentionDayMarks = [30, 90, 180] as const;
export type RetentionDayMark = (typeof retentionDayMarks)[number];

/** The version of the non-discrimination pledge text enterprises sign (locales: employment.pledge). */
export const currentPledgeVersion = "2026-12";
