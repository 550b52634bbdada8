import { and, eq, ne } from "drizzle-orm";
import { hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import type { DbOrTx } from "~/utils/db.server";

/** What the hour modules share: the result shape, day arithmetic and the volunteer's live record. */
export const MINUTE = 60_000;

export type HoursResult<Extra = object> =
  ({ ok: true } & Extra) | { ok: false; field: string; error: string };

export const failure = (field: string, error: string) => ({ ok: false as const, field, error });

/** Whole minutes an activity lasts: the longest record it can give. */
export function activityLengthMinutes(activity: { startsAt: Date; endsAt: Date }): number {
  return Math.floor((activity.endsAt.getTime() - activity.startsAt.getTime()) / MINUTE);
}

/** The instant a Beijing calendar day ('YYYY-MM-DD') starts. */
export function shanghaiDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export function isRealDate(day: string): boolean {
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

// -----------------------------------------------------------------------------------------------
// The volunteer

export async function getVolunteerProfile(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({
      userId: volunteerProfiles.userId,
      status: volunteerProfiles.status,
      legalName: volunteerProfiles.legalName,
      volunteerNumber: volunteerProfiles.volunteerNumber,
      homeOfficeId: volunteerProfiles.homeOfficeId,
      districtId: volunteerProfiles.districtId,
      decidedAt: volunteerProfiles.decidedAt,
      approvedMinutes: volunteerProfiles.approvedMinutes,
      approvedRecords: volunteerProfiles.approvedRecords,
      activitiesServed: volunteerProfiles.activitiesServed,
      lastServiceOn: volunteerProfiles.lastServiceOn,
      starLevel: volunteerProfiles.starLevel,
    })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, userId));
  return row ?? null;
}

/**
 * The volunteer's record of the activity that counts (open, waiting or approved), if any: one per
 * volunteer and activity, whatever its kind (index hour_records_one_live_per_activity).
 */
export async function liveRecordOf(tx: DbOrTx, activityId: string, volunteerId: string) {
  const [row] = await tx
    .select({ kind: hourRecords.kind })
    .from(hourRecords)
    .where(
      and(
        eq(hourRecords.activityId, activityId),
        eq(hourRecords.volunteerId, volunteerId),
        ne(hourRecords.status, "rejected"),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function approvedProfile(db: DbOrTx, volunteerId: string) {
  const profile = await getVolunteerProfile(db, volunteerId);
  return profile?.status === "approved" ? profile : null;
}
