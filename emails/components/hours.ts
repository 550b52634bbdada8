import type { EmailLanguage } from "../i18n";

/** Minutes as hours with at most one decimal, in the reader's number format (150 → "2.5"). */
export function formatHours(minutes: number, language: EmailLanguage): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(Math.round(minutes / 6) / 10);
}

/** A 'YYYY-MM-DD' service day in the reader's date format. */
export function formatServiceDate(day: string, language: EmailLanguage): string {
  return new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
