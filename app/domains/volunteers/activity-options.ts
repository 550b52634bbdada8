/**
 * The closed lists an activity is described with. The categories match the CHECK constraint of
 * `activities`; skills are the volunteer skills of the registration form. Client-safe.
 */
export const activityCategories = [
  "legal",
  "psychology",
  "education",
  "employment",
  "community",
  "family",
  "other",
] as const;
export type ActivityCategory = (typeof activityCategories)[number];

export const volunteerSkills = [
  "legal",
  "psychology",
  "teaching",
  "job_coaching",
  "social_work",
  "medical",
  "it",
  "other",
] as const;
export type VolunteerSkill = (typeof volunteerSkills)[number];

export const qualificationKinds = [
  "counsellor",
  "lawyer",
  "social_worker",
  "teacher",
  "doctor",
  "nurse",
  "other",
] as const;
export type QualificationKind = (typeof qualificationKinds)[number];

export const ACTIVITY_CAPACITY_MAX = 1000;
/** Hour records hold at most 1 440 minutes, so an activity lasts at most one day. */
export const ACTIVITY_MAX_MINUTES = 24 * 60;

/** Text limits of an activity's form (the schemas in activity-validation.ts enforce them). */
export const ACTIVITY_TITLE_MAX = 100;
export const ACTIVITY_DESCRIPTION_MAX = 2000;
export const ACTIVITY_PLACE_MAX = 200;
export const CANCEL_REASON_MAX = 500;
