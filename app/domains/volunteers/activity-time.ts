/**
 * Activity times are typed in `datetime-local` inputs as Beijing time (Asia/Shanghai, UTC+8 all
 * year, no daylight saving) and stored as UTC instants. Client-safe.
 */
import { dateTimeFormat } from "~/utils/intl";
import { formatDateTime } from "~/utils/dates";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;

/** "2026-05-01T09:30" (Beijing time) → the instant, or null when it is not a real date and time. */
export function parseShanghaiDateTime(value: string): Date | null {
  const match = LOCAL_DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute) - SHANGHAI_OFFSET_MS;
  const check = new Date(utc + SHANGHAI_OFFSET_MS);
  // 2026-02-30 would roll over into March: refuse it rather than guess.
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return new Date(utc);
}

/** The instant as a `datetime-local` value in Beijing time ("2026-05-01T09:30"). */
export function toShanghaiInputValue(instant: Date | string): string {
  const shifted = new Date(new Date(instant).getTime() + SHANGHAI_OFFSET_MS);
  return shifted.toISOString().slice(0, 16);
}

/** The calendar day (YYYY-MM-DD) of the instant in Beijing. */
export function shanghaiDateOf(instant: Date | string): string {
  return toShanghaiInputValue(instant).slice(0, 10);
}

/** The instant a Beijing calendar day starts ("2026-05-01" → 2026-04-30T16:00Z). */
export function startOfShanghaiDay(isoDate: string): Date | null {
  return parseShanghaiDateTime(`${isoDate}T00:00`);
}

/** Date and time for display, in the reader's language and Beijing time. */
export function formatActivityTime(instant: Date | string, language: string): string {
  return formatDateTime(instant, language);
}

/** "5月1日 09:30 – 11:30" style period; the end shows its date only when it is another day. */
export function formatActivityPeriod(
  startsAt: Date | string,
  endsAt: Date | string,
  language: string,
): string {
  const start = formatActivityTime(startsAt, language);
  const sameDay = shanghaiDateOf(startsAt) === shanghaiDateOf(endsAt);
  const end = sameDay
    ? dateTimeFormat(language, { timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(endsAt))
    : formatActivityTime(endsAt, language);
  return `${start} – ${end}`;
}
