import { and, eq, gte, sql } from "drizzle-orm";
import { hourRecords } from "#db/schema/volunteers";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import type { DbOrTx } from "~/utils/db.server";
import { upcomingSignupsOf } from "./activity-queries.server";
import { districtThresholds } from "./hour-totals.server";
import { getVolunteerProfile } from "./hour-records.server";
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
}

/**
 * What an approved volunteer's dashboard shows: hours this month, this year and in all, progress to
 * the next star and the next activities. Null until the registration is approved. The month and year
 * figures read the volunteer's own records of this year through the (volunteer, service date) index.
 */
export async function volunteerDashboard(
  db: DbOrTx,
  volunteerId: string,
  now = clock.now(),
): Promise<VolunteerDashboard | null> {
  const profile = await getVolunteerProfile(db, volunteerId);
  if (!profile || profile.status !== "approved") return null;
  const today = shanghaiDate(now);
  const yearStart = `${today.slice(0, 4)}-01-01`;
  const monthStart = `${today.slice(0, 7)}-01`;
  const [[sums], thresholds, upcoming] = await Promise.all([
    db
      .select({
        year: sql<number>`coalesce(sum(${hourRecords.minutes}) filter (where ${hourRecords.status} = 'approved'), 0)::int`,
        month: sql<number>`coalesce(sum(${hourRecords.minutes}) filter (where ${hourRecords.status} = 'approved' and ${hourRecords.serviceDate} >= ${monthStart}), 0)::int`,
        pending: sql<number>`count(*) filter (where ${hourRecords.status} = 'pending')::int`,
      })
      .from(hourRecords)
      .where(and(eq(hourRecords.volunteerId, volunteerId), gte(hourRecords.serviceDate, yearStart))),
    districtThresholds(db, profile.districtId),
    upcomingSignupsOf(db, volunteerId, { now, limit: 5 }),
  ]);
  return {
    volunteerNumber: profile.volunteerNumber,
    totalMinutes: profile.approvedMinutes,
    monthMinutes: sums?.month ?? 0,
    yearMinutes: sums?.year ?? 0,
    starLevel: profile.starLevel,
    progress: progressToNext(profile.approvedMinutes, thresholds),
    upcoming,
    pendingRecords: sums?.pending ?? 0,
  };
}
