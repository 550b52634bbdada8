import { addCalendarDays } from "~/domains/calendar/working-days";
import { retentionDayMarks, type RetentionDayMark } from "./taxonomy";

/*
 * The employment domain's state machines, pure. The same transitions are enforced by the triggers of
 * migration employment_guards (employment_status_guard), so a bug here cannot write a wrong state.
 */

export type JobOfferStatus = "draft" | "open" | "closed" | "filled";
export type OfferAction = "publish" | "close" | "reopen";

export function nextOfferStatus<S extends string>(current: S, action: OfferAction): "open" | "closed" | null {
  if (action === "publish") return current === "draft" ? "open" : null;
  if (action === "close") return current === "open" ? "closed" : null;
  return current === "closed" ? "open" : null;
}

export type ReferralStatus = "referred" | "interview_scheduled" | "hired" | "not_hired";
export type ReferralAction = "schedule_interview" | "hire" | "decline";

/**
 * referred → interview scheduled → hired / not hired; a referral may also be declined before an
 * interview; an interview may be moved (scheduled again). Hired and not hired are final.
 */
export function nextReferralStatus(current: ReferralStatus, action: ReferralAction): ReferralStatus | null {
  switch (action) {
    case "schedule_interview":
      return current === "referred" || current === "interview_scheduled" ? "interview_scheduled" : null;
    case "hire":
      return current === "interview_scheduled" ? "hired" : null;
    case "decline":
      return current === "referred" || current === "interview_scheduled" ? "not_hired" : null;
  }
}

export const isReferralOpen = (status: ReferralStatus) =>
  status === "referred" || status === "interview_scheduled";

export type EnrollmentStatus = "enrolled" | "attending" | "completed" | "dropped";
export type EnrollmentAction = "start" | "complete" | "drop";

/** enrolled → attending → completed; dropped from either live state. */
export function nextEnrollmentStatus(
  current: EnrollmentStatus,
  action: EnrollmentAction,
): EnrollmentStatus | null {
  switch (action) {
    case "start":
      return current === "enrolled" ? "attending" : null;
    case "complete":
      return current === "attending" ? "completed" : null;
    case "drop":
      return current === "enrolled" || current === "attending" ? "dropped" : null;
  }
}

/** The check-ins a hire on `startedOn` (YYYY-MM-DD) schedules: 30, 90 and 180 days later. */
export function retentionSchedule(startedOn: string): { dayMark: RetentionDayMark; dueOn: string }[] {
  return retentionDayMarks.map((dayMark) => ({ dayMark, dueOn: addCalendarDays(startedOn, dayMark) }));
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** Whole days from `from` to `to` (calendar dates), never negative. */
export function daysBetween(from: string, to: string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from));
}

/** Days a placement has lasted on `today`: up to its end when it ended. */
export function daysRetained(startedOn: string, endedOn: string | null, today: string): number {
  const last = endedOn && endedOn < today ? endedOn : today;
  return daysBetween(startedOn, last);
}

/**
 * Where a check-in stands for its reader on `today`: not yet due, due (until 14 days past the due
 * date), overdue, or answered.
 */
export type CheckinStanding = "upcoming" | "due" | "overdue" | "answered";
export const CHECKIN_GRACE_DAYS = 14;

export function checkinStanding(
  checkin: { status: "pending" | "still_employed" | "ended" | "void"; dueOn: string },
  today: string,
): CheckinStanding {
  if (checkin.status !== "pending") return "answered";
  if (today < checkin.dueOn) return "upcoming";
  return daysBetween(checkin.dueOn, today) > CHECKIN_GRACE_DAYS ? "overdue" : "due";
}

/**
 * Words that turn a "not hired" note into a refusal on account of a record (《社区矫正法》第四条):
 * the coded list has no such reason, and "other" with such a note is refused just the same.
 */
const recordWords = [
  /犯罪记录/,
  /前科/,
  /案底/,
  /服刑/,
  /社区矫正/,
  /矫正对象/,
  /criminal\s*record/i,
  /conviction/i,
  /ex-?offender/i,
  /on\s+probation/i,
  /community\s+correction/i,
];

export function citesCriminalRecord(text: string | null | undefined): boolean {
  if (!text) return false;
  return recordWords.some((pattern) => pattern.test(text));
}

/**
 * Retention figures of a set of placements on `today`. For each mark (30/90/180 days) only the
 * placements that started at least that long ago count ("eligible"); of those, "retained" are the
 * ones still employed on the mark's day. Each figure lists the placement ids it counts, so every
 * number of the report can be traced to its rows.
 */
export interface PlacementFacts {
  id: string;
  startedOn: string;
  endedOn: string | null;
}

export interface RetentionFigure {
  dayMark: RetentionDayMark;
  eligible: string[];
  retained: string[];
  /** retained / eligible, or null with no eligible placement. */
  rate: number | null;
}

export function retentionFigures(placements: readonly PlacementFacts[], today: string): RetentionFigure[] {
  return retentionDayMarks.map((dayMark) => {
    const eligible = placements.filter((placement) => addCalendarDays(placement.startedOn, dayMark) <= today);
    const retained = eligible.filter(
      (placement) =>
        placement.endedOn === null || placement.endedOn >= addCalendarDays(placement.startedOn, dayMark),
    );
    return {
      dayMark,
      eligible: eligible.map(({ id }) => id),
      retained: retained.map(({ id }) => id),
      rate: eligible.length === 0 ? null : retained.length / eligible.length,
    };
  });
}

/** Hires per month (YYYY-MM of the start) and how many of them are still employed on `today`. */
export function hiresByMonth(
  placements: readonly PlacementFacts[],
  today: string,
): { month: string; hires: number; stillEmployed: number }[] {
  const months = new Map<string, { hires: number; stillEmployed: number }>();
  for (const placement of placements) {
    const month = placement.startedOn.slice(0, 7);
    const entry = months.get(month) ?? { hires: 0, stillEmployed: 0 };
    entry.hires += 1;
    if (placement.endedOn === null || placement.endedOn > today) entry.stillEmployed += 1;
    months.set(month, entry);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, entry]) => ({ month, ...entry }));
}
