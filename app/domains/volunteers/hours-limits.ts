/**
 * The limits of the service-hour forms, without zod: pages import these, and load the schemas of
 * hours-validation.ts only when they first validate (first-load JS budget, docs/decisions/009-forms.md).
 */

/** A record holds at most one day of service (the hour_records CHECK). */
export const MAX_RECORD_MINUTES = 24 * 60;
export const DESCRIPTION_MAX = 500;
export const EVIDENCE_MAX = 1000;
export const REASON_MAX = 500;

/** Splits minutes into the two boxes of the form. */
export function splitMinutes(total: number): { hours: number; minutes: number } {
  return { hours: Math.floor(total / 60), minutes: total % 60 };
}
