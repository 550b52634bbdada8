/**
 * Chinese working days (ADR 008): Monday to Friday, except official holidays, plus the make-up
 * working days (调休) the State Council's schedule puts on weekends. Pure: the exceptions come in as
 * data (loaded by calendar.server.ts from `calendar_days`), dates are Asia/Shanghai calendar dates
 * `YYYY-MM-DD` (turn an instant into one with `shanghaiDate`).
 */
import { shanghaiDate } from "~/domains/subjects/resident-id";

export const calendarDayKinds = ["holiday", "workday"] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];

export interface CalendarException {
  day: string;
  kind: CalendarDayKind;
}

/** The exceptions to "Monday to Friday", by date. */
export interface WorkingDayCalendar {
  readonly exceptions: ReadonlyMap<string, CalendarDayKind>;
}

export function workingDayCalendar(exceptions: Iterable<CalendarException>): WorkingDayCalendar {
  const map = new Map<string, CalendarDayKind>();
  for (const exception of exceptions) map.set(assertCalendarDate(exception.day), exception.kind);
  return { exceptions: map };
}

/** Weekends alone: what the calendar falls back to for a year without an official schedule. */
export const WEEKENDS_ONLY: WorkingDayCalendar = { exceptions: new Map() };

const DAY_MS = 24 * 60 * 60_000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function assertCalendarDate(date: string): string {
  const match = CALENDAR_DATE.exec(date);
  const time = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): "${date}"`);
  }
  return date;
}

const toTime = (date: string) => Date.parse(`${assertCalendarDate(date)}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toTime(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  const exception = calendar.exceptions.get(assertCalendarDate(date));
  if (exception) return exception === "workday";
  return !isWeekend(date);
}

/** The calendar date `days` days after `date` (negative: before). */
export function addCalendarDays(date: string, days: number): string {
  return fromTime(toTime(date) + days * DAY_MS);
}

/**
 * The n-th working day after `date`, not counting `date` itself (negative n: before it; 0: `date`).
 * "Expires 2 working days after a Friday" is the Tuesday — or later when a holiday intervenes.
 */
export function addWorkingDays(date: string, n: number, calendar: WorkingDayCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
  const step = n < 0 ? -1 : 1;
  let current = assertCalendarDate(date);
  for (let left = Math.abs(n); left > 0;) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current, calendar)) left -= 1;
  }
  return current;
}

/**
 * The working days after `start` up to and including `end` (negative when `end` is before `start`),
 * so that `workingDaysBetween(d, addWorkingDays(d, n)) === n`. A notice posted on `start` has been
 * up ≥ 5 working days on `end` when this is ≥ 5.
 */
export function workingDaysBetween(start: string, end: string, calendar: WorkingDayCalendar): number {
  const from = toTime(start);
  const to = toTime(end);
  if (to < from) return -workingDaysBetween(end, start, calendar);
  let count = 0;
  for (let time = from + DAY_MS; time <= to; time += DAY_MS) {
    if (isWorkingDay(fromTime(time), calendar)) count += 1;
  }
  return count;
}

/** The Asia/Shanghai calendar date an instant falls on. */
export function calendarDateOf(instant: Date): string {
  return shanghaiDate(instant);
}
