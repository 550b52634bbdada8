import { type SQL, sql } from "drizzle-orm";
import { type BaseFigure, baseFigures, beijingDay } from "./figures";

/**
 * Where each base figure comes from: one definition of the raw rows it counts, read by both the
 * refresh (grouped into summary rows) and the drill-down list (the same rows, filtered), so a figure
 * and the list behind its link cannot disagree. Read-only over the other domains' tables.
 */
export interface FigureSource {
  /** The FROM clause with its joins (aliases used by the expressions below). */
  from: SQL;
  /** The office a row belongs to; null for a district-only figure. */
  office: SQL | null;
  district: SQL;
  /** The Beijing date that places a row in a period (period figures). */
  day: SQL;
  where: (now: Date) => SQL;
  /** What a `sum` or `median` aggregates (minutes, places). */
  amount?: SQL;
  /** What a `distinct` counts. */
  distinctKey?: SQL;
  dimension?: SQL;
  /** The drill-down list's columns. */
  list: { id: SQL; reference: SQL; detail: SQL; status: SQL };
}

const beijing = (column: SQL) => sql`((${column}) at time zone 'Asia/Shanghai')::date`;
const minutesBetween = (from: SQL, to: SQL) =>
  sql`floor(extract(epoch from (${to}) - (${from})) / 60)::bigint`;
const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;
const today = (now: Date) => sql`${beijingDay(now)}::date`;
const always = () => sql`true`;

const approvedHours: Omit<FigureSource, "list"> = {
  from: sql`hour_records r join volunteer_profiles v on v.user_id = r.volunteer_id`,
  office: sql`r.office_id`,
  district: sql`r.district_id`,
  day: sql`r.service_date`,
  where: () => sql`r.status = 'approved'`,
  amount: sql`r.minutes`,
};
const hourList = {
  id: sql`r.id::text`,
  reference: sql`v.volunteer_number`,
  detail: sql`r.kind::text`,
  status: sql`r.status::text`,
};

const scheduledActivities: FigureSource = {
  from: sql`activities a`,
  office: sql`a.office_id`,
  district: sql`a.district_id`,
  day: beijing(sql`a.starts_at`),
  where: () => sql`a.status = 'scheduled'`,
  list: {
    id: sql`a.id::text`,
    reference: sql`a.title`,
    detail: sql`a.confirmed_count || ' / ' || a.capacity`,
    status: sql`a.status::text`,
  },
};

const needs = sql`help_needs n join subjects s on s.id = n.subject_id`;
const needList = {
  id: sql`n.id::text`,
  reference: sql`s.case_code`,
  detail: sql`n.category_id`,
  status: sql`n.status::text`,
};
const liveNeed = sql`n.status in ('open', 'referred')`;

const referralsFrom = sql`referrals f join help_needs n on n.id = f.need_id join subjects s on s.id = n.subject_id`;
const referralList = {
  id: sql`f.id::text`,
  reference: sql`s.case_code`,
  detail: sql`n.category_id`,
  status: sql`f.status::text`,
};
const referralSource = (day: SQL, where: SQL, amount?: SQL): FigureSource => ({
  from: referralsFrom,
  office: sql`f.office_id`,
  district: sql`f.district_id`,
  day: beijing(day),
  where: () => where,
  amount,
  list: referralList,
});

const checkinSource = (days: number, statuses: SQL): FigureSource => ({
  from: sql`retention_checkins c join placements pl on pl.id = c.placement_id join subjects s on s.id = pl.subject_id`,
  office: sql`pl.office_id`,
  district: sql`pl.district_id`,
  day: sql`c.due_on`,
  where: () => sql`c.day_mark = ${days} and c.status in ${statuses}`,
  list: {
    id: sql`c.id::text`,
    reference: sql`s.case_code`,
    detail: sql`c.day_mark::text`,
    status: sql`c.status::text`,
  },
});

const bookingSource = (statuses: SQL): FigureSource => ({
  from: sql`consultation_bookings b left join subjects s on s.id = b.subject_id`,
  office: sql`b.office_id`,
  district: sql`b.district_id`,
  day: beijing(sql`b.starts_at`),
  where: () => sql`b.status in ${statuses}`,
  list: {
    id: sql`b.id::text`,
    reference: sql`coalesce(s.case_code, '')`,
    detail: sql`b.topic`,
    status: sql`b.status::text`,
  },
});

const socialForces = sql`o.kind in ('enterprise', 'law_firm', 'social_org')`;
const organizationList = {
  id: sql`o.id::text`,
  reference: sql`o.name`,
  detail: sql`o.kind::text`,
  status: sql`o.status::text`,
};

const sources: Record<string, FigureSource> = {
  "volunteers.active": {
    ...approvedHours,
    distinctKey: sql`r.volunteer_id`,
    list: { ...hourList, id: sql`r.volunteer_id::text` },
  },
  "volunteers.minutes": { ...approvedHours, list: hourList },
  "volunteers.activities": scheduledActivities,
  "volunteers.places": { ...scheduledActivities, amount: sql`a.capacity` },
  "volunteers.placesFilled": { ...scheduledActivities, amount: sql`a.confirmed_count` },
  "volunteers.pendingVolunteers": {
    from: sql`volunteer_profiles v`,
    office: sql`v.home_office_id`,
    district: sql`v.district_id`,
    day: beijing(sql`v.created_at`),
    where: () => sql`v.status = 'pending'`,
    list: {
      id: sql`v.user_id::text`,
      reference: sql`v.legal_name`,
      detail: sql`array_to_string(v.skills, ', ')`,
      status: sql`v.status::text`,
    },
  },
  "volunteers.pendingHours": {
    ...approvedHours,
    where: () => sql`r.status = 'pending'`,
    list: hourList,
  },
  "matching.needsRegistered": {
    from: needs,
    office: sql`n.office_id`,
    district: sql`n.district_id`,
    day: beijing(sql`n.created_at`),
    where: always,
    list: needList,
  },
  "matching.referralsSent": referralSource(sql`f.sent_at`, sql`f.sent_at is not null`),
  "matching.acceptMinutes": referralSource(
    sql`f.answered_at`,
    sql`f.answered_at is not null and f.status in ('accepted', 'in_progress', 'resolved', 'not_resolved')`,
    minutesBetween(sql`f.sent_at`, sql`f.answered_at`),
  ),
  "matching.resolveMinutes": referralSource(
    sql`f.closed_at`,
    sql`f.status = 'resolved'`,
    minutesBetween(sql`f.sent_at`, sql`f.closed_at`),
  ),
  "matching.referralsResolved": referralSource(sql`f.closed_at`, sql`f.status = 'resolved'`),
  "matching.referralsClosed": referralSource(sql`f.closed_at`, sql`f.status in ('resolved', 'not_resolved')`),
  "matching.openNeeds": {
    from: needs,
    office: sql`n.office_id`,
    district: sql`n.district_id`,
    day: beijing(sql`n.created_at`),
    where: () => liveNeed,
    list: needList,
  },
  "matching.openNeedsByCategory": {
    from: needs,
    office: sql`n.office_id`,
    district: sql`n.district_id`,
    day: beijing(sql`n.created_at`),
    where: () => liveNeed,
    dimension: sql`split_part(n.category_id, '.', 1)`,
    list: needList,
  },
  "matching.openNeedsByUrgency": {
    from: needs,
    office: sql`n.office_id`,
    district: sql`n.district_id`,
    day: beijing(sql`n.created_at`),
    where: () => liveNeed,
    dimension: sql`n.urgency::text`,
    list: needList,
  },
  "matching.overdueNeeds": {
    from: needs,
    office: sql`n.office_id`,
    district: sql`n.district_id`,
    day: beijing(sql`n.respond_by`),
    where: (now) => sql`${liveNeed} and n.respond_by < ${at(now)}`,
    list: needList,
  },
  // Sent and still unanswered after the need's target response time (before the 2-day expiry).
  "matching.overdueReferrals": {
    ...referralSource(sql`f.sent_at`, sql`true`),
    where: (now) => sql`f.status = 'sent' and n.respond_by < ${at(now)}`,
  },
  "employment.placements": {
    from: sql`placements pl join subjects s on s.id = pl.subject_id join organizations e on e.id = pl.enterprise_id`,
    office: sql`pl.office_id`,
    district: sql`pl.district_id`,
    day: sql`pl.started_on`,
    where: always,
    list: {
      id: sql`pl.id::text`,
      reference: sql`s.case_code`,
      detail: sql`e.name`,
      status: sql`pl.status::text`,
    },
  },
  "employment.trainingsCompleted": {
    from: sql`training_enrollments t join subjects s on s.id = t.subject_id join organizations e on e.id = t.enterprise_id`,
    office: sql`t.office_id`,
    district: sql`t.district_id`,
    day: sql`t.completed_on`,
    where: () => sql`t.status = 'completed'`,
    list: {
      id: sql`t.id::text`,
      reference: sql`s.case_code`,
      detail: sql`e.name`,
      status: sql`t.status::text`,
    },
  },
  ...Object.fromEntries(
    [30, 90, 180].flatMap((days) => [
      [`employment.retained${days}`, checkinSource(days, sql`('still_employed')`)],
      [`employment.checked${days}`, checkinSource(days, sql`('still_employed', 'ended')`)],
    ]),
  ),
  "legal.consultations": bookingSource(sql`('attended')`),
  "legal.withOutcome": bookingSource(sql`('attended', 'subject_no_show', 'lawyer_no_show')`),
  "legal.noShows": bookingSource(sql`('subject_no_show', 'lawyer_no_show')`),
  // No active office-hour rule valid on any day of the next 30 days at the office.
  "legal.officesWithoutHours": {
    from: sql`organizations o`,
    office: sql`o.id`,
    district: sql`o.district_id`,
    day: beijing(sql`o.created_at`),
    where: (now) => sql`o.kind = 'office' and not exists (
      select 1 from office_hour_rules h
      where h.office_id = o.id and h.active
        and h.valid_from <= ${today(now)} + 30 and (h.valid_to is null or h.valid_to >= ${today(now)}))`,
    list: { ...organizationList, detail: sql`''` },
  },
  "organizations.pending": {
    from: sql`organizations o`,
    office: null,
    district: sql`o.district_id`,
    day: beijing(sql`o.created_at`),
    where: () => sql`o.status = 'pending' and ${socialForces}`,
    list: organizationList,
  },
  "awards.inProgress": {
    from: sql`nominations m`,
    office: sql`m.office_id`,
    district: sql`m.district_id`,
    day: beijing(sql`m.created_at`),
    where: () => sql`m.status in ('submitted', 'returned', 'in_notice')`,
    list: {
      id: sql`m.id::text`,
      reference: sql`m.nominee_name`,
      detail: sql`m.nominee_kind::text`,
      status: sql`m.status::text`,
    },
  },
  "public.volunteers": {
    from: sql`volunteer_profiles v`,
    office: sql`v.home_office_id`,
    district: sql`v.district_id`,
    day: beijing(sql`v.created_at`),
    where: () => sql`v.status = 'approved'`,
    list: { id: sql`v.user_id::text`, reference: sql`''`, detail: sql`''`, status: sql`v.status::text` },
  },
  "public.minutes": {
    from: sql`volunteer_profiles v`,
    office: sql`v.home_office_id`,
    district: sql`v.district_id`,
    day: beijing(sql`v.created_at`),
    where: () => sql`v.status in ('approved', 'suspended')`,
    amount: sql`v.approved_minutes`,
    list: { id: sql`v.user_id::text`, reference: sql`''`, detail: sql`''`, status: sql`v.status::text` },
  },
  "public.organizations": {
    from: sql`organizations o`,
    office: null,
    district: sql`o.district_id`,
    day: beijing(sql`o.created_at`),
    where: () => sql`o.status = 'verified' and ${socialForces}`,
    list: organizationList,
  },
  "public.consultations": bookingSource(sql`('attended')`),
};

export function sourceOf(key: string): FigureSource {
  const source = sources[key];
  if (!source) throw new Error(`No source for oversight figure ${key}`);
  return source;
}

/** Every base figure has a source (checked when the module loads: a new figure cannot ship without). */
for (const figure of baseFigures) sourceOf(figure.key);

/** The aggregate of a base figure over its source's rows (alias `r_` columns of the refresh query). */
export function aggregateOf(figure: BaseFigure): SQL {
  switch (figure.aggregate) {
    case "count":
      return sql`count(*)`;
    case "sum":
      return sql`coalesce(sum(src.amount), 0)`;
    case "distinct":
      return sql`count(distinct src.distinct_key)`;
    case "median":
      return sql`round(percentile_cont(0.5) within group (order by src.amount))`;
  }
}
