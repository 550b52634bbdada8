/**
 * When an unanswered referral expires: at the end (24:00 Beijing time) of the second working day
 * after the day it was sent — on the working-day calendar, so holidays and make-up days (调休)
 * count as they do in China — plus a configurable grace. The reminder goes some hours before. Pure.
 */
import {
  addCalendarDays,
  addWorkingDays,
  calendarDateOf,
  type WorkingDayCalendar,
} from "~/domains/calendar/working-days";
import { EXPIRY_REMINDER_MINUTES, REFERRAL_ANSWER_WORKING_DAYS } from "./options";

const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;

/** 00:00 Beijing time of `date` (YYYY-MM-DD) as an instant. */
export function shanghaiMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI_OFFSET_MS);
}

export function referralDueAt(sentAt: Date, calendar: WorkingDayCalendar, graceMinutes: number): Date {
  if (!Number.isInteger(graceMinutes) || graceMinutes < 0)
    throw new RangeError("grace must be whole minutes ≥ 0");
  const lastDay = addWorkingDays(calendarDateOf(sentAt), REFERRAL_ANSWER_WORKING_DAYS, calendar);
  const endOfLastDay = shanghaiMidnight(addCalendarDays(lastDay, 1));
  return new Date(endOfLastDay.getTime() + graceMinutes * 60_000);
}

/** When to remind the provider: a few hours before the due time, but never before it was sent. */
export function reminderAt(sentAt: Date, dueAt: Date): Date {
  const at = dueAt.getTime() - EXPIRY_REMINDER_MINUTES * 60_000;
  return new Date(Math.max(at, sentAt.getTime()));
}

/** Whole minutes between two instants (for time-to-accept and time-to-resolve). */
export function minutesBetween(from: Date, to: Date): number {
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
}
