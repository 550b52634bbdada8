/**
 * The limits of the volunteer profile, qualification and decision forms, without zod: pages import
 * these, and load the schemas of profile-validation.ts only when they first validate (first-load JS
 * budget, docs/decisions/009-forms.md).
 */

export const LEGAL_NAME_MAX = 50;
export const LANGUAGES_MAX = 10;
export const LANGUAGE_MAX_LENGTH = 20;
export const QUALIFICATION_TEXT_MAX = 100;
export const DECISION_REASON_MAX = 500;

/** The form's multi-value fields (checkboxes and a multiple select): read with `formData.getAll`. */
export const profileListFields = ["skills", "serviceOfficeIds", "availability"] as const;
