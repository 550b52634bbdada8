import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { organizations } from "#db/schema/accounts";
import { placements, jobOffers } from "#db/schema/employment";
import { consultationBookings, lawyers } from "#db/schema/legal";
import { helpNeeds, providers, referrals, serviceCategories } from "#db/schema/matching";
import { subjects } from "#db/schema/subjects";
import { activities, hourRecords, volunteerPeriodTotals, volunteerProfiles } from "#db/schema/volunteers";
import { selectRows, type DbOrTx } from "~/utils/db.server";
import { type Candidate, type Figures, type NomineeKind, nomineeKinds } from "./eligibility";
import { summaryPeriodKey } from "./periods";

/**
 * The recorded figures commendations rest on, read from the records of the domains themselves:
 * approved service minutes and activities (volunteers), activities held (social organizations),
 * placements and their retention (employment), consultations given (legal), referrals resolved
 * (matching). Every figure has its rows ({@link evidenceRows}), so the eligibility view links each
 * number to what it counts and a test checks both against direct counts.
 *
 * Scope: what the nominee did for the district's people. Volunteers and social organizations belong to
 * the district; enterprises count placements of the district's subjects, law firms consultations at
 * the district's service points, providers referrals made by the district's offices.
 */
export type FigureNomineeKind = NomineeKind;
export const nomineeKindsWithFigures: readonly string[] = nomineeKinds;

/** The retention marks of a placement (days after its start), as in the employment report. */
export const retentionMarks = [30, 90, 180] as const;

export interface FigureQuery {
  nomineeKind: FigureNomineeKind;
  districtId: string;
  /** Volunteers of this home office only (office staff's view); organizations are district-wide. */
  officeId?: string | null;
  periodStart: string;
  periodEnd: string;
  /** The day retention is counted on (a placement is retained at 30 days once 30 days have passed). */
  today: string;
  /** One nominee only (a nomination's frozen evidence). */
  nomineeId?: string;
}

const beijingDay = (column: SQLWrapper) => sql`(${column} at time zone 'Asia/Shanghai')::date`;
/**
 * An instant within the period's Beijing days, as a range of the column itself (so an index on it
 * applies): from the first day's Beijing midnight to the midnight after the last day.
 */
const inBeijingPeriod = (column: SQLWrapper, query: FigureQuery) =>
  sql`(${column} >= (${query.periodStart}::date::timestamp at time zone 'Asia/Shanghai')
       and ${column} < ((${query.periodEnd}::date + 1)::timestamp at time zone 'Asia/Shanghai'))`;

/**
 * A placement retained at `mark` days on `today`: the mark has passed and the placement had not
 * ended before it (employment/status.ts `retentionFigures`, the enterprise report's rule).
 */
const retainedAt = (mark: number, today: string) =>
  sql`(${placements.startedOn} + ${mark}::int <= ${today}::date
       and (${placements.endedOn} is null or ${placements.endedOn} >= ${placements.startedOn} + ${mark}::int))`;

/** Resolved referrals of the period per provider party (a volunteer's user id or an organization id). */
function resolvedReferrals(query: FigureQuery) {
  const party =
    query.nomineeKind === "volunteer" ? sql`${providers.volunteerUserId}` : sql`${providers.organizationId}`;
  return sql`select ${party} as party, count(*)::int as n
               from ${referrals} join ${providers} on ${providers.id} = ${referrals.providerId}
              where ${referrals.status} = 'resolved' and ${referrals.districtId} = ${query.districtId}
                and ${providers.kind} = ${query.nomineeKind}
                and ${inBeijingPeriod(referrals.closedAt, query)}
              group by 1`;
}

/**
 * Approved minutes and distinct activities of the period per volunteer in scope (CTE `v`): for a
 * calendar year or half-year, the volunteers' period summary rows (one per volunteer, kept by the
 * database with every record change); for any other span, their records through the (volunteer,
 * service date) index.
 */
function volunteerHours(query: FigureQuery) {
  const period = summaryPeriodKey(query.periodStart, query.periodEnd);
  if (period) {
    return sql`select t.volunteer_id as party, t.approved_minutes as minutes, t.activities
                 from ${volunteerPeriodTotals} t
                where t.period = ${period} and t.approved_records > 0
                  and t.volunteer_id in (select user_id from v)`;
  }
  return sql`select hr.volunteer_id as party, sum(hr.minutes)::int as minutes,
                    count(distinct hr.activity_id)::int as activities
               from ${hourRecords} hr
              where hr.volunteer_id in (select user_id from v)
                and hr.status = 'approved'
                and hr.service_date between ${query.periodStart}::date and ${query.periodEnd}::date
              group by 1`;
}

interface FigureRow extends Record<string, unknown> {
  id: string;
  name: string;
}

const toCandidates = (rows: FigureRow[], keys: (keyof Figures)[]): Candidate[] =>
  rows.map((row) => {
    const figures: Figures = {};
    for (const key of keys) figures[key] = Number(row[key] ?? 0);
    return { id: row.id, name: row.name, figures };
  });

export async function candidateFigures(db: DbOrTx, query: FigureQuery): Promise<Candidate[]> {
  const only = (column: SQL) => (query.nomineeId ? sql`and ${column} = ${query.nomineeId}` : sql``);
  if (query.nomineeKind === "volunteer") {
    const rows = await selectRows<FigureRow>(
      db,
      // Hours of the volunteers in scope only: never an aggregate over every volunteer's records.
      sql`with v as (
            select vp.user_id from ${volunteerProfiles} vp
             where vp.status = 'approved' and vp.district_id = ${query.districtId}
               ${query.officeId ? sql`and vp.home_office_id = ${query.officeId}` : sql``}
               ${only(sql`vp.user_id`)}),
          h as (${volunteerHours(query)}),
          r as (${resolvedReferrals(query)})
          select vp.user_id as id, vp.legal_name as name, coalesce(h.minutes, 0) as minutes,
                 coalesce(h.activities, 0) as activities, coalesce(r.n, 0) as "referralsResolved"
            from ${volunteerProfiles} vp
            left join h on h.party = vp.user_id
            left join r on r.party = vp.user_id
           where vp.status = 'approved' and vp.district_id = ${query.districtId}
             ${query.officeId ? sql`and vp.home_office_id = ${query.officeId}` : sql``}
             ${only(sql`vp.user_id`)}
             and (h.party is not null or r.party is not null)`,
    );
    return toCandidates(rows, ["minutes", "activities", "referralsResolved"]);
  }
  if (query.nomineeKind === "social_org") {
    const rows = await selectRows<FigureRow>(
      db,
      sql`with a as (
            select a.organizer_id as party, count(distinct a.id)::int as activities,
                   coalesce(sum(hr.minutes), 0)::int as minutes
              from ${activities} a
              left join ${hourRecords} hr on hr.activity_id = a.id and hr.status = 'approved'
             where a.status = 'scheduled' and ${inBeijingPeriod(sql`a.starts_at`, query)}
               -- Only the district's organizations' activities; their minutes through the
               -- (activity) index of approved records (migration 0036).
               and a.organizer_id in (
                 select o.id from ${organizations} o
                  where o.kind = 'social_org' and o.district_id = ${query.districtId} ${only(sql`o.id`)})
             group by 1),
          r as (${resolvedReferrals(query)})
          select o.id, o.name, coalesce(a.minutes, 0) as minutes, coalesce(a.activities, 0) as activities,
                 coalesce(r.n, 0) as "referralsResolved"
            from ${organizations} o
            left join a on a.party = o.id
            left join r on r.party = o.id
           where o.kind = 'social_org' and o.status = 'verified' and o.district_id = ${query.districtId}
             ${only(sql`o.id`)}
             and (a.party is not null or r.party is not null)`,
    );
    return toCandidates(rows, ["minutes", "activities", "referralsResolved"]);
  }
  if (query.nomineeKind === "enterprise") {
    const [m30, m90, m180] = retentionMarks.map((mark) => retainedAt(mark, query.today));
    const rows = await selectRows<FigureRow>(
      db,
      sql`with p as (
            select ${placements.enterpriseId} as party, count(*)::int as placements,
                   count(*) filter (where ${m30})::int as retained30,
                   count(*) filter (where ${m90})::int as retained90,
                   count(*) filter (where ${m180})::int as retained180
              from ${placements}
             where ${placements.districtId} = ${query.districtId}
               and ${placements.startedOn} between ${query.periodStart}::date and ${query.periodEnd}::date
             group by 1),
          r as (${resolvedReferrals(query)})
          select o.id, o.name, coalesce(p.placements, 0) as placements,
                 coalesce(p.retained30, 0) as retained30, coalesce(p.retained90, 0) as retained90,
                 coalesce(p.retained180, 0) as retained180, coalesce(r.n, 0) as "referralsResolved"
            from ${organizations} o
            left join p on p.party = o.id
            left join r on r.party = o.id
           where o.kind = 'enterprise' and o.status = 'verified'
             ${only(sql`o.id`)}
             and (p.party is not null or r.party is not null)`,
    );
    return toCandidates(rows, ["placements", "retained30", "retained90", "retained180", "referralsResolved"]);
  }
  const rows = await selectRows<FigureRow>(
    db,
    sql`with c as (
          select ${consultationBookings.lawFirmId} as party, count(*)::int as consultations
            from ${consultationBookings}
           where ${consultationBookings.status} = 'attended'
             and ${consultationBookings.districtId} = ${query.districtId}
             and ${inBeijingPeriod(consultationBookings.startsAt, query)}
           group by 1),
        r as (${resolvedReferrals(query)})
        select o.id, o.name, coalesce(c.consultations, 0) as consultations,
               coalesce(r.n, 0) as "referralsResolved"
          from ${organizations} o
          left join c on c.party = o.id
          left join r on r.party = o.id
         where o.kind = 'law_firm' and o.status = 'verified'
           ${only(sql`o.id`)}
           and (c.party is not null or r.party is not null)`,
  );
  return toCandidates(rows, ["consultations", "referralsResolved"]);
}

/** What a row of evidence is: each source counts towards the figures named in `figuresOfSource`. */
export type EvidenceSource = "hour_record" | "activity" | "placement" | "consultation" | "referral";

export interface EvidenceRow {
  source: EvidenceSource;
  id: string;
  date: string;
  /**
   * Hour records: the activity or the description; activities: the title; placements: the job;
   * consultations: the lawyer; referrals: the help category (Chinese; `titleEn` in English).
   */
  title: string;
  titleEn: string | null;
  /** Hour records and activities: the approved minutes. */
  minutes: number | null;
  /** Hour records: the activity served (activities count distinct ones). */
  activityId: string | null;
  /** Consultations: the topic key (legal:topics.*). */
  topic: string | null;
  /** Placements, consultations and referrals: the subject's case code (staff screens only). */
  caseCode: string | null;
  /** Placements: the retention marks (30, 90, 180) reached still employed on `today`. */
  retained: number[];
}

interface RawEvidence extends Record<string, unknown> {
  id: string;
  date: string;
  title: string;
  title_en?: string | null;
  minutes?: number | string | null;
  activity_id?: string | null;
  topic?: string | null;
  case_code?: string | null;
  r30?: boolean;
  r90?: boolean;
  r180?: boolean;
}

const evidenceOf = (source: EvidenceSource, rows: RawEvidence[]): EvidenceRow[] =>
  rows.map((row) => ({
    source,
    id: row.id,
    date: row.date,
    title: row.title,
    titleEn: row.title_en ?? null,
    minutes: row.minutes === undefined || row.minutes === null ? null : Number(row.minutes),
    activityId: row.activity_id ?? null,
    topic: row.topic ?? null,
    caseCode: row.case_code ?? null,
    retained: source === "placement" ? retentionMarks.filter((mark) => row[`r${mark}`] === true) : [],
  }));

async function referralEvidence(db: DbOrTx, query: FigureQuery & { nomineeId: string }) {
  const party = query.nomineeKind === "volunteer" ? providers.volunteerUserId : providers.organizationId;
  const rows = await selectRows<RawEvidence>(
    db,
    sql`select ${referrals.id} as id, ${beijingDay(referrals.closedAt)}::text as date,
               ${serviceCategories.labelZh} as title, ${serviceCategories.labelEn} as title_en,
               ${subjects.caseCode} as case_code
          from ${referrals}
          join ${providers} on ${providers.id} = ${referrals.providerId}
          join ${helpNeeds} on ${helpNeeds.id} = ${referrals.needId}
          join ${serviceCategories} on ${serviceCategories.id} = ${helpNeeds.categoryId}
          join ${subjects} on ${subjects.id} = ${helpNeeds.subjectId}
         where ${referrals.status} = 'resolved' and ${referrals.districtId} = ${query.districtId}
           and ${providers.kind} = ${query.nomineeKind} and ${party} = ${query.nomineeId}
           and ${inBeijingPeriod(referrals.closedAt, query)}
         order by ${referrals.closedAt}, ${referrals.id}`,
  );
  return evidenceOf("referral", rows);
}

/**
 * The records behind a nominee's figures, in date order per source: the approved hour records
 * (volunteers), the activities held (organizations), the placements with their retention marks
 * (enterprises), the consultations given (law firms), and the resolved referrals (every provider).
 */
export async function evidenceRows(
  db: DbOrTx,
  query: FigureQuery & { nomineeId: string },
): Promise<EvidenceRow[]> {
  const referralRows = await referralEvidence(db, query);
  if (query.nomineeKind === "volunteer") {
    const rows = await selectRows<RawEvidence>(
      db,
      sql`select hr.id, hr.service_date::text as date, coalesce(a.title, hr.description) as title,
                 hr.minutes, hr.activity_id
            from ${hourRecords} hr
            join ${volunteerProfiles} vp on vp.user_id = hr.volunteer_id
            left join ${activities} a on a.id = hr.activity_id
           where hr.volunteer_id = ${query.nomineeId} and hr.status = 'approved'
             and vp.district_id = ${query.districtId}
             and hr.service_date between ${query.periodStart}::date and ${query.periodEnd}::date
             ${query.officeId ? sql`and vp.home_office_id = ${query.officeId}` : sql``}
           order by hr.service_date, hr.created_at, hr.id`,
    );
    return [...evidenceOf("hour_record", rows), ...referralRows];
  }
  if (query.nomineeKind === "social_org") {
    const rows = await selectRows<RawEvidence>(
      db,
      sql`select a.id, ${beijingDay(sql`a.starts_at`)}::text as date, a.title,
                 coalesce(sum(hr.minutes), 0)::int as minutes, a.id as activity_id
            from ${activities} a
            join ${organizations} o on o.id = a.organizer_id
            left join ${hourRecords} hr on hr.activity_id = a.id and hr.status = 'approved'
           where a.organizer_id = ${query.nomineeId} and a.status = 'scheduled'
             and o.district_id = ${query.districtId}
             and ${inBeijingPeriod(sql`a.starts_at`, query)}
           group by a.id, a.title, a.starts_at
           order by a.starts_at, a.id`,
    );
    return [...evidenceOf("activity", rows), ...referralRows];
  }
  if (query.nomineeKind === "enterprise") {
    const [m30, m90, m180] = retentionMarks.map((mark) => retainedAt(mark, query.today));
    const rows = await selectRows<RawEvidence>(
      db,
      sql`select ${placements.id} as id, ${placements.startedOn}::text as date, ${jobOffers.title} as title,
                 ${subjects.caseCode} as case_code, ${m30} as r30, ${m90} as r90, ${m180} as r180
            from ${placements}
            join ${jobOffers} on ${jobOffers.id} = ${placements.jobOfferId}
            join ${subjects} on ${subjects.id} = ${placements.subjectId}
           where ${placements.enterpriseId} = ${query.nomineeId}
             and ${placements.districtId} = ${query.districtId}
             and ${placements.startedOn} between ${query.periodStart}::date and ${query.periodEnd}::date
           order by ${placements.startedOn}, ${placements.id}`,
    );
    return [...evidenceOf("placement", rows), ...referralRows];
  }
  const rows = await selectRows<RawEvidence>(
    db,
    sql`select ${consultationBookings.id} as id, ${beijingDay(consultationBookings.startsAt)}::text as date,
               ${lawyers.name} as title, ${consultationBookings.topic} as topic,
               ${subjects.caseCode} as case_code
          from ${consultationBookings}
          join ${lawyers} on ${lawyers.id} = ${consultationBookings.lawyerId}
          left join ${subjects} on ${subjects.id} = ${consultationBookings.subjectId}
         where ${consultationBookings.lawFirmId} = ${query.nomineeId}
           and ${consultationBookings.status} = 'attended'
           and ${consultationBookings.districtId} = ${query.districtId}
           and ${inBeijingPeriod(consultationBookings.startsAt, query)}
         order by ${consultationBookings.startsAt}, ${consultationBookings.id}`,
  );
  return [...evidenceOf("consultation", rows), ...referralRows];
}

/**
 * The figures a list of evidence rows adds up to — what the eligibility view must show for the nominee
 * (a test compares both).
 */
export function figuresOfEvidence(kind: FigureNomineeKind, rows: readonly EvidenceRow[]): Figures {
  const of = (source: EvidenceSource) => rows.filter((row) => row.source === source);
  const referralsResolved = of("referral").length;
  if (kind === "volunteer") {
    const hours = of("hour_record");
    return {
      minutes: hours.reduce((sum, row) => sum + (row.minutes ?? 0), 0),
      activities: new Set(hours.map((row) => row.activityId).filter(Boolean)).size,
      referralsResolved,
    };
  }
  if (kind === "social_org") {
    const held = of("activity");
    return {
      minutes: held.reduce((sum, row) => sum + (row.minutes ?? 0), 0),
      activities: held.length,
      referralsResolved,
    };
  }
  if (kind === "enterprise") {
    const hires = of("placement");
    const retained = (mark: number) => hires.filter((row) => row.retained.includes(mark)).length;
    return {
      placements: hires.length,
      retained30: retained(30),
      retained90: retained(90),
      retained180: retained(180),
      referralsResolved,
    };
  }
  return { consultations: of("consultation").length, referralsResolved };
}
