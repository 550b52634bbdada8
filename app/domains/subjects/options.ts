/**
 * The subjects domain's enumerations, without zod: forms import these with the page and load the
 * schemas (validation.ts) on their first validation (first-load JS budget).
 */

/** Identifying fields a consent can cover (never the minor flag, the offence or the birth date). */
export const consentDataCategories = ["name", "phone", "id_number", "address"] as const;
export type ConsentDataCategory = (typeof consentDataCategories)[number];
export const supervisionLevels = ["lenient", "normal", "strict"] as const;
