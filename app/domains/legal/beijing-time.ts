/**
 * Beijing time (Asia/Shanghai: UTC+8 all year, no daylight saving) as calendar dates `YYYY-MM-DD` and
 * minutes after midnight. Client-safe and dependency-free, so pages can use it without the recurrence
 * library.
 */
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** Beijing date + minutes after midnight → the UTC instant. */
export function shanghaiInstant(day: string, minute: number): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minute * MINUTE_MS - SHANGHAI_OFFSET_MS);
}

/** The Beijing calendar date of an instant. */
export function shanghaiDay(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Minutes after Beijing midnight of an instant. */
export function shanghaiMinute(instant: Date): number {
  const shifted = instant.getTime() + SHANGHAI_OFFSET_MS;
  return Math.floor((((shifted % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}
