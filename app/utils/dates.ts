import { dateTimeFormat } from "./intl";

/**
 * Dates for display, client-safe. Instants are shown in Beijing time (times are stored in UTC);
 * calendar dates (`YYYY-MM-DD`, e.g. a birth date or a service date) have no time zone of their own.
 */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

/** "2026年5月1日 09:30" / "May 1, 2026, 9:30 AM". */
export function formatDateTime(instant: Date | string, language: string): string {
  return dateTimeFormat(language, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: DISPLAY_TIME_ZONE,
  }).format(new Date(instant));
}

/** A calendar date `YYYY-MM-DD` in the reader's format ("2026年5月1日" / "May 1, 2026"). */
export function formatCalendarDate(isoDate: string, language: string): string {
  return dateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}
