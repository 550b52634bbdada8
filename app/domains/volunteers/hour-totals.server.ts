import { and, desc, eq, sql } from "drizzle-orm";
import { hourRecords, starLevelEvents, starThresholds, volunteerProfiles } from "#db/schema/volunteers";
import { notify, recipientForUser } from "~/domains/notifications/notify.server";
import { type DbOrTx, selectRows, type Transaction } from "~/utils/db.server";
import { DEFAULT_STAR_THRESHOLDS, levelsReached, progressToNext, type StarThresholds } from "./star-levels";
import * as clock from "~/utils/clock.server";

/**
 * A volunteer's running totals and star levels: applied in the deciding transaction with the
 * profile row locked, announced by email, and checked against the records (`npm run check-totals`).
 */
export const HOURS_URL = "/hours";

// -----------------------------------------------------------------------------------------------
// Running totals and star levels

/** A district's thresholds in minutes: its own row, or the default 100/300/600/1000/1500 hours. */
export async function districtThresholds(db: DbOrTx, districtId: string): Promise<StarThresholds> {
  const [row] = await db
    .select({ thresholds: starThresholds.thresholdsMinutes })
    .from(starThresholds)
    .where(eq(starThresholds.districtId, districtId));
  return row?.thresholds ?? DEFAULT_STAR_THRESHOLDS;
}

export interface TotalsChange {
  volunteerId: string;
  approvedMinutes: number;
  /** Events written for levels newly reached (lowest first): one email each. */
  reached: { level: number; eventId: string }[];
  lost: number[];
  minutesToNext: number | null;
}

/**
 * Applies a change of approved minutes / records to a volunteer's totals, with the profile row
 * locked. Activities served and the last service day are recounted from the approved records of
 * this one volunteer (an indexed read), so approvals and corrections can never make them drift.
 * Star levels crossed are recorded in order; a level lost to a correction is recorded as lowered.
 */
export async function applyTotalsChange(
  tx: Transaction,
  volunteerId: string,
  change: { minutes: number; records: number },
): Promise<TotalsChange> {
  const [profile] = await tx
    .select({
      approvedMinutes: volunteerProfiles.approvedMinutes,
      approvedRecords: volunteerProfiles.approvedRecords,
      districtId: volunteerProfiles.districtId,
    })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, volunteerId))
    .for("update");
  if (!profile) throw new Error(`No volunteer profile ${volunteerId}`);
  // Read after the lock: a concurrent approval of this volunteer has committed by now.
  const [served] = await tx
    .select({
      activities: sql<number>`count(distinct ${hourRecords.activityId})::int`,
      lastServiceOn: sql<string | null>`max(${hourRecords.serviceDate})::text`,
    })
    .from(hourRecords)
    .where(and(eq(hourRecords.volunteerId, volunteerId), eq(hourRecords.status, "approved")));
  const after = profile.approvedMinutes + change.minutes;
  const thresholds = await districtThresholds(tx, profile.districtId);
  const levels = levelsReached(profile.approvedMinutes, after, thresholds);
  await tx
    .update(volunteerProfiles)
    .set({
      approvedMinutes: after,
      approvedRecords: profile.approvedRecords + change.records,
      activitiesServed: served?.activities ?? 0,
      lastServiceOn: served?.lastServiceOn ?? null,
      starLevel: levels.after,
      updatedAt: clock.now(),
    })
    .where(eq(volunteerProfiles.userId, volunteerId));
  const reached: TotalsChange["reached"] = [];
  for (const level of levels.reached) {
    const [event] = await tx
      .insert(starLevelEvents)
      .values({ volunteerId, level, change: "reached", approvedMinutes: after })
      .returning({ id: starLevelEvents.id });
    reached.push({ level, eventId: event!.id });
  }
  for (const level of levels.lost) {
    await tx
      .insert(starLevelEvents)
      .values({ volunteerId, level, change: "lowered", approvedMinutes: after });
  }
  const progress = progressToNext(after, thresholds);
  return {
    volunteerId,
    approvedMinutes: after,
    reached,
    lost: levels.lost,
    minutesToNext: progress.nextLevel === null ? null : progress.minutesToNext,
  };
}

/** One `star-level-reached` email per level newly reached, lowest first. */
export async function announceLevels(tx: Transaction, change: TotalsChange): Promise<void> {
  if (change.reached.length === 0) return;
  const to = await recipientForUser(tx, change.volunteerId);
  if (!to) return;
  for (const { level, eventId } of change.reached) {
    await notify(tx, {
      template: "star-level-reached",
      to,
      idempotencyKey: `star-level-reached:${eventId}`,
      data: {
        level,
        approvedMinutes: change.approvedMinutes,
        // Minutes to the level after this one (only the highest level reached can be below it).
        minutesToNext: level === change.reached.at(-1)!.level ? change.minutesToNext : null,
        url: HOURS_URL,
      },
    });
  }
}

// -----------------------------------------------------------------------------------------------
// The invariant

export interface TotalsMismatch {
  volunteerId: string;
  stored: {
    minutes: number;
    records: number;
    activities: number;
    lastServiceOn: string | null;
    starLevel: number;
  };
  actual: {
    minutes: number;
    records: number;
    activities: number;
    lastServiceOn: string | null;
    starLevel: number;
  };
}

const DEFAULT_THRESHOLDS_SQL = sql.raw(`array[${DEFAULT_STAR_THRESHOLDS.join(",")}]::integer[]`);

/**
 * Volunteers whose running totals (or star level under the district's current thresholds) differ
 * from what their approved records add up to. Empty when the invariant holds.
 */
export async function checkTotals(db: DbOrTx): Promise<TotalsMismatch[]> {
  const rows = await selectRows(
    db,
    sql`
    with approved as (
      select volunteer_id,
             sum(minutes)::int as minutes,
             count(*)::int as records,
             count(distinct activity_id)::int as activities,
             max(service_date)::text as last
        from hour_records
       where status = 'approved'
       group by volunteer_id
    ), compared as (
      select p.user_id as volunteer_id,
             p.approved_minutes as stored_minutes,
             p.approved_records as stored_records,
             p.activities_served as stored_activities,
             p.last_service_on::text as stored_last,
             p.star_level::int as stored_level,
             coalesce(a.minutes, 0) as actual_minutes,
             coalesce(a.records, 0) as actual_records,
             coalesce(a.activities, 0) as actual_activities,
             a.last as actual_last,
             (select count(*)::int
                from unnest(coalesce(t.thresholds_minutes, ${DEFAULT_THRESHOLDS_SQL})) as threshold(v)
               where threshold.v <= coalesce(a.minutes, 0)) as actual_level
        from volunteer_profiles p
        left join approved a on a.volunteer_id = p.user_id
        left join star_thresholds t on t.district_id = p.district_id
    )
    select * from compared
     where stored_minutes <> actual_minutes
        or stored_records <> actual_records
        or stored_activities <> actual_activities
        or stored_last is distinct from actual_last
        or stored_level <> actual_level
     order by volunteer_id
     limit 1000`,
  );
  return rows.map((row) => ({
    volunteerId: String(row.volunteer_id),
    stored: {
      minutes: Number(row.stored_minutes),
      records: Number(row.stored_records),
      activities: Number(row.stored_activities),
      lastServiceOn: (row.stored_last as string | null) ?? null,
      starLevel: Number(row.stored_level),
    },
    actual: {
      minutes: Number(row.actual_minutes),
      records: Number(row.actual_records),
      activities: Number(row.actual_activities),
      lastServiceOn: (row.actual_last as string | null) ?? null,
      starLevel: Number(row.actual_level),
    },
  }));
}

/** The star-level history of a volunteer, newest first (for the hours page). */
export async function starLevelHistory(db: DbOrTx, volunteerId: string) {
  return db
    .select({
      level: starLevelEvents.level,
      change: starLevelEvents.change,
      createdAt: starLevelEvents.createdAt,
    })
    .from(starLevelEvents)
    .where(eq(starLevelEvents.volunteerId, volunteerId))
    .orderBy(desc(starLevelEvents.createdAt), desc(starLevelEvents.level))
    .limit(20);
}
