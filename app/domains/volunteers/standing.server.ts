import { and, count, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import {
  activities,
  hourCorrections,
  hourRecords,
  starLevelEvents,
  starThresholds,
  volunteerProfiles,
} from "#db/schema/volunteers";
import type { DbOrTx } from "~/utils/db.server";
import { DEFAULT_STAR_THRESHOLDS, type StarThresholds } from "./star-levels";

/**
 * The page-sized reads of a volunteer's own pages (dashboard, hours), each one statement where the
 * first versions took three or four: the profile with its running totals, the district's star
 * thresholds and optionally the star history and the years with records; a page of records with
 * its total and whether a correction is pending. Same shapes as `getVolunteerProfile`,
 * `districtThresholds`, `starLevelHistory` and `listOwnRecords`, which stay for other callers.
 */
export interface VolunteerStanding {
  profile: {
    userId: string;
    status: "pending" | "approved" | "rejected" | "suspended";
    legalName: string;
    volunteerNumber: string | null;
    homeOfficeId: string;
    districtId: string;
    decidedAt: Date | null;
    approvedMinutes: number;
    approvedRecords: number;
    activitiesServed: number;
    lastServiceOn: string | null;
    starLevel: number;
  };
  thresholds: StarThresholds;
  /** The last 20 star-level changes, newest first (only with `history`). */
  history: { level: number; change: string; createdAt: Date }[];
  /** Years with any record, newest first (only with `years`). */
  years: number[];
}

export async function volunteerStanding(
  db: DbOrTx,
  volunteerId: string,
  options: { history?: boolean; years?: boolean } = {},
): Promise<VolunteerStanding | null> {
  const history = options.history
    ? sql<{ level: number; change: string; createdAt: string }[]>`(
        select coalesce(jsonb_agg(jsonb_build_object('level', e.level, 'change', e.change, 'createdAt', e.created_at)
                                  order by e.created_at desc, e.level desc), '[]'::jsonb)
        from (select ${starLevelEvents.level} as level, ${starLevelEvents.change} as change, ${starLevelEvents.createdAt} as created_at
              from ${starLevelEvents} where ${starLevelEvents.volunteerId} = ${volunteerProfiles.userId}
              order by ${starLevelEvents.createdAt} desc, ${starLevelEvents.level} desc limit 20) e)`
    : sql<[]>`'[]'::jsonb`;
  const years = options.years
    ? sql<number[]>`array(
        select distinct extract(year from ${hourRecords.serviceDate})::int from ${hourRecords}
        where ${hourRecords.volunteerId} = ${volunteerProfiles.userId} order by 1 desc)`
    : sql<number[]>`'{}'::int[]`;
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
      thresholds: starThresholds.thresholdsMinutes,
      history,
      years,
    })
    .from(volunteerProfiles)
    .leftJoin(starThresholds, eq(starThresholds.districtId, volunteerProfiles.districtId))
    .where(eq(volunteerProfiles.userId, volunteerId));
  if (!row) return null;
  const { thresholds, history: events, years: withRecords, ...profile } = row;
  return {
    profile,
    thresholds: thresholds ?? DEFAULT_STAR_THRESHOLDS,
    history: (events ?? []).map((event) => ({ ...event, createdAt: new Date(event.createdAt) })),
    years: (withRecords ?? []).map(Number),
  };
}

function yearCondition(year: number | undefined): SQL[] {
  if (!year) return [];
  return [gte(hourRecords.serviceDate, `${year}-01-01`), lte(hourRecords.serviceDate, `${year}-12-31`)];
}

/**
 * One page of the volunteer's own records, newest first, with the total (a scalar subquery) and a
 * pending-correction flag per row, in one statement; a second (the count) only for a page past
 * the end.
 */
export async function ownRecordsPage(
  db: DbOrTx,
  query: { volunteerId: string; year?: number; page: number; pageSize: number },
) {
  const where = and(eq(hourRecords.volunteerId, query.volunteerId), ...yearCondition(query.year));
  const rows = await db
    .select({
      id: hourRecords.id,
      serviceDate: hourRecords.serviceDate,
      kind: hourRecords.kind,
      minutes: hourRecords.minutes,
      status: hourRecords.status,
      description: hourRecords.description,
      activityTitle: activities.title,
      autoCheckedOut: hourRecords.autoCheckedOut,
      rejectReason: hourRecords.rejectReason,
      decidedAt: hourRecords.decidedAt,
      createdAt: hourRecords.createdAt,
      correctionPending: sql<boolean>`exists (
        select 1 from ${hourCorrections}
        where ${hourCorrections.hourRecordId} = ${hourRecords.id} and ${hourCorrections.status} = 'pending')`,
      // Uncorrelated: computed once for the statement (an InitPlan), from the (volunteer, date) index.
      total: sql<number>`(select count(*)::int from ${hourRecords} where ${where})`,
    })
    .from(hourRecords)
    .leftJoin(activities, eq(activities.id, hourRecords.activityId))
    .where(where)
    .orderBy(desc(hourRecords.serviceDate), desc(hourRecords.createdAt), hourRecords.id)
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1) {
    const [counted] = await db.select({ total: count() }).from(hourRecords).where(where);
    total = counted?.total ?? 0;
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}
