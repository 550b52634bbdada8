import { shanghaiDate } from "~/domains/subjects/resident-id";
import type { DbOrTx } from "~/utils/db.server";
import { upcomingSignupsOf } from "./activity-queries.server";
import { periodTotalsOf } from "./period-totals.server";
import { volunteerStanding } from "./standing.server";
import { progressToNext, type StarProgress } from "./star-levels";
import * as clock from "~/utils/clock.server";

export interface VolunteerDashboard {
  volunteerNumber: string | null;
  /** Approved minutes from the running total (never summed per request). */
  totalMinutes: number;
  /** Approved minutes of records dated this month / this year (Beijing calendar). */
  monthMinutes: number;
  yearMinutes: number;
  starLevel: number;
  progress: StarProgress;
  upcoming: Awaited<ReturnType<typeof upcomingSignupsOf>>;
  /** Records waiting for the office's review. */
  pendingRecords: number;
  /** Approved minutes per month (`YYYY-MM`, Beijing calendar) of the last 12 months, oldest first. */
  byMonth: { month: string; minutes: number }[];
}

/** The 12 months ending with `today`'s, as `YYYY-MM`, oldest first. */
export function lastTwelveMonths(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return Array.from({ length: 12 }, (_, index) => {
    const offset = year * 12 + (month - 1) - (11 - index);
    return `${Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, "0")}`;
  });
}

/**
 * What an approved volunteer's dashboard shows: hours this month, this year and in all, progress to
 * the next star and the next activities. Null until the registration is approved. The month and year
 * figures are the volunteer's period summary rows (period-totals.server.ts).
 */
export async function volunteerDashboard(
  db: DbOrTx,
  volunteerId: string,
  now = clock.now(),
): Promise<VolunteerDashboard | null> {
  // The profile, its running totals and the district's thresholds in one statement.
  const standing = await volunteerStanding(db, volunteerId);
  const profile = standing?.profile;
  if (!standing || !profile || profile.status !== "approved") return null;
  const today = shanghaiDate(now);
  const yearStart = today.slice(0, 4);
  const thisMonth = today.slice(0, 7);
  const months = lastTwelveMonths(today);
  const thresholds = standing.thresholds;
  // One indexed read for the month, the year, the pending count and the 12-month chart: the
  // volunteer's period summary rows (kept with every record change), never a sum over records.
  const [totals, upcoming] = await Promise.all([
    periodTotalsOf(db, volunteerId, [...months, yearStart]),
    upcomingSignupsOf(db, volunteerId, { now, limit: 5 }),
  ]);
  const year = totals.get(yearStart)!;
  return {
    volunteerNumber: profile.volunteerNumber,
    totalMinutes: profile.approvedMinutes,
    monthMinutes: totals.get(thisMonth)!.approvedMinutes,
    yearMinutes: year.approvedMinutes,
    starLevel: profile.starLevel,
    progress: progressToNext(profile.approvedMinutes, thresholds),
    upcoming,
    pendingRecords: year.pendingRecords,
    byMonth: months.map((month) => ({ month, minutes: totals.get(month)!.approvedMinutes })),
  };
}
