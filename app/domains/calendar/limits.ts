/**
 * Limits of the calendar form, without zod, so the page can use them at no cost; the schemas in
 * validation.ts enforce them.
 */
export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;
export const CALENDAR_NAME_MAX_LENGTH = 50;
