/** The closed lists of help needs and referrals (ADR 007: text + named CHECK from one tuple). Client-safe. */
export const needUrgencies = ["urgent", "normal", "low"] as const;
export type NeedUrgency = (typeof needUrgencies)[number];

/** Target time to a provider's answer, by urgency (minutes). */
export const urgencyTargetMinutes: Record<NeedUrgency, number> = {
  urgent: 24 * 60,
  normal: 3 * 24 * 60,
  low: 7 * 24 * 60,
};

export const genderRequirements = ["none", "female", "male"] as const;
export type GenderRequirement = (typeof genderRequirements)[number];

/**
 * Why a provider declines. A criminal record is never a reason (社区矫正法 art. 4, 57): every
 * referral is about someone with one.
 */
export const declineReasons = [
  "no_capacity",
  "outside_area",
  "not_eligible",
  "cannot_contact",
  "other",
] as const;
export type DeclineReason = (typeof declineReasons)[number];

export const needStatuses = ["open", "referred", "resolved", "not_resolved", "cancelled"] as const;
export type NeedStatus = (typeof needStatuses)[number];

export const workerGenders = ["female", "male"] as const;

export const PROVIDER_CAPACITY_MAX = 1000;
export const NEED_DESCRIPTION_MAX = 1000;
export const NOTE_MAX = 500;
export const PROGRESS_NOTE_MAX = 1000;

/** The CSV import of help needs (needs-csv.ts parses it; the form checks the size before upload). */
export const NEEDS_CSV_MAX_ROWS = 500;
export const NEEDS_CSV_MAX_BYTES = 512 * 1024;
export const NEEDS_CSV_HEADER = "case_code,category,urgency,area,languages,gender_requirement,description";

/** At most this many pairs are confirmed at once (the batch preview keeps as many needs). */
export const BATCH_MAX_PAIRS = 10_000;

/** The reminder before a referral expires goes this long before its due time. */
export const EXPIRY_REMINDER_MINUTES = 4 * 60;
/** Default grace after the 2 working days (configurable: REFERRAL_GRACE_MINUTES). */
export const DEFAULT_REFERRAL_GRACE_MINUTES = 2 * 60;
export const REFERRAL_ANSWER_WORKING_DAYS = 2;

/** Languages normalized for comparison: trimmed, case-folded. */
export function normalizeLanguage(language: string): string {
  return language.trim().toLowerCase();
}
