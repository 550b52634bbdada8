import { and, asc, eq, sql } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { activities, hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import { selectRows, type DbOrTx } from "~/utils/db.server";
import type { Candidate } from "./eligibility";

/**
 * The recorded figures commendations rest on, read from the records themselves: approved service
 * minutes (hour records) and activities held. Every figure has its rows ({@link evidenceRows}), so the
 * eligibility view links each number to what it counts and a test checks they add up.
 */
export type FigureNomineeKind = "volunteer" | "social_org";
export const nomineeKindsWithFigures: readonly string[] = ["volunteer", "social_org"];

export interface FigureQuery {
  nomineeKind: FigureNomineeKind;
  districtId: string;
  /** Volunteers of this home office only (office staff's view); organizations are district-wide. */
  officeId?: string | null;
  periodStart: string;
  periodEnd: string;
  /** One nominee only (a nomination's frozen evidence). */
  nomineeId?: string;
}

const activityDay = sql`(${activities.startsAt} at time zone 'Asia/Shanghai')::date`;

export async function candidateFigures(db: DbOrTx, query: FigureQuery): Promise<Candidate[]> {
  if (query.nomineeKind === "volunteer") {
    const rows = await selectRows<{ id: string; name: string; minutes: string; activities: string }>(
      db,
      sql`select hr.volunteer_id as id, vp.legal_name as name, sum(hr.minutes) as minutes,
                 count(distinct hr.activity_id) as activities
            from ${hourRecords} hr
            join ${volunteerProfiles} vp on vp.user_id = hr.volunteer_id
           where hr.status = 'approved' and vp.status = 'approved'
             and hr.service_date between ${query.periodStart} and ${query.periodEnd}
             and vp.district_id = ${query.districtId}
             ${query.officeId ? sql`and vp.home_office_id = ${query.officeId}` : sql``}
             ${query.nomineeId ? sql`and hr.volunteer_id = ${query.nomineeId}` : sql``}
           group by hr.volunteer_id, vp.legal_name`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      figures: { minutes: Number(row.minutes), activities: Number(row.activities) },
    }));
  }
  const rows = await selectRows<{ id: string; name: string; minutes: string; activities: string }>(
    db,
    sql`select o.id, o.name, count(distinct a.id) as activities,
               coalesce(sum(hr.minutes), 0) as minutes
          from ${organizations} o
          join ${activities} a on a.organizer_id = o.id and a.status = 'scheduled'
               and ${activityDay} between ${query.periodStart} and ${query.periodEnd}
          left join ${hourRecords} hr on hr.activity_id = a.id and hr.status = 'approved'
         where o.kind = 'social_org' and o.status = 'verified' and o.district_id = ${query.districtId}
           ${query.nomineeId ? sql`and o.id = ${query.nomineeId}` : sql``}
         group by o.id, o.name`,
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    figures: { minutes: Number(row.minutes), activities: Number(row.activities) },
  }));
}

export interface EvidenceRow {
  date: string;
  title: string;
  minutes: number;
}

/** The approved records behind a nominee's minutes (and, by distinct activity, its activities). */
export async function evidenceRows(
  db: DbOrTx,
  query: FigureQuery & { nomineeId: string },
): Promise<EvidenceRow[]> {
  if (query.nomineeKind === "volunteer") {
    const rows = await db
      .select({
        date: hourRecords.serviceDate,
        title: sql<string>`coalesce(${activities.title}, ${hourRecords.description})`,
        minutes: hourRecords.minutes,
        activityId: hourRecords.activityId,
      })
      .from(hourRecords)
      .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, hourRecords.volunteerId))
      .leftJoin(activities, eq(activities.id, hourRecords.activityId))
      .where(
        and(
          eq(hourRecords.volunteerId, query.nomineeId),
          eq(hourRecords.status, "approved"),
          eq(volunteerProfiles.districtId, query.districtId),
          sql`${hourRecords.serviceDate} between ${query.periodStart} and ${query.periodEnd}`,
          query.officeId ? eq(volunteerProfiles.homeOfficeId, query.officeId) : undefined,
        ),
      )
      .orderBy(asc(hourRecords.serviceDate), asc(hourRecords.createdAt));
    return rows.map(({ date, title, minutes }) => ({ date, title, minutes: minutes ?? 0 }));
  }
  const rows = await selectRows<{ date: string; title: string; minutes: string }>(
    db,
    sql`select ${activityDay}::text as date, a.title, coalesce(sum(hr.minutes), 0) as minutes
          from ${activities} a
          join ${organizations} o on o.id = a.organizer_id
          left join ${hourRecords} hr on hr.activity_id = a.id and hr.status = 'approved'
         where a.organizer_id = ${query.nomineeId} and a.status = 'scheduled'
           and o.district_id = ${query.districtId}
           and ${activityDay} between ${query.periodStart} and ${query.periodEnd}
         group by a.id, a.title, a.starts_at
         order by a.starts_at`,
  );
  return rows.map((row) => ({ date: row.date, title: row.title, minutes: Number(row.minutes) }));
}
