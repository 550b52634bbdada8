import { and, eq, inArray, sql } from "drizzle-orm";
import { volunteerPeriodTotals } from "#db/schema/volunteers";
import { type DbOrTx, selectRows } from "~/utils/db.server";

/**
 * A volunteer's hour records summed per period: `2026` (year), `2026-H1` / `2026-H2` (half-year),
 * `2026-05` (month), Beijing calendar dates. The rows are kept by a trigger on `hour_records`
 * (migration 0035) in the transaction that changes a record, so a reader gets a year's or a month's
 * figures in one indexed read instead of summing records.
 */
export interface PeriodTotals {
  approvedMinutes: number;
  approvedRecords: number;
  pendingRecords: number;
  /** Distinct activities of the approved records of the period. */
  activities: number;
}

export const EMPTY_PERIOD_TOTALS: PeriodTotals = Object.freeze({
  approvedMinutes: 0,
  approvedRecords: 0,
  pendingRecords: 0,
  activities: 0,
});

/** The period key of a calendar year (`2026`), half-year (`2026-H2`) or month (`2026-05`). */
export const periodKey = {
  year: (day: string) => day.slice(0, 4),
  halfYear: (day: string) => `${day.slice(0, 4)}-${day.slice(5, 7) <= "06" ? "H1" : "H2"}`,
  month: (day: string) => day.slice(0, 7),
};

/** A volunteer's totals of the given periods (one indexed read); periods without records are zero. */
export async function periodTotalsOf(
  db: DbOrTx,
  volunteerId: string,
  periods: readonly string[],
): Promise<Map<string, PeriodTotals>> {
  const rows = periods.length
    ? await db
        .select({
          period: volunteerPeriodTotals.period,
          approvedMinutes: volunteerPeriodTotals.approvedMinutes,
          approvedRecords: volunteerPeriodTotals.approvedRecords,
          pendingRecords: volunteerPeriodTotals.pendingRecords,
          activities: volunteerPeriodTotals.activities,
        })
        .from(volunteerPeriodTotals)
        .where(
          and(
            eq(volunteerPeriodTotals.volunteerId, volunteerId),
            inArray(volunteerPeriodTotals.period, [...periods]),
          ),
        )
    : [];
  const byPeriod = new Map<string, PeriodTotals>(periods.map((period) => [period, EMPTY_PERIOD_TOTALS]));
  for (const { period, ...totals } of rows) byPeriod.set(period, totals);
  return byPeriod;
}

export interface PeriodTotalsMismatch {
  volunteerId: string;
  period: string;
  stored: PeriodTotals | null;
  actual: PeriodTotals | null;
}

/**
 * Period rows that differ from what the records add up to (missing, extra or different). Empty when
 * the invariant holds; `npm run check-totals` prints it.
 */
export async function checkPeriodTotals(db: DbOrTx): Promise<PeriodTotalsMismatch[]> {
  const rows = await selectRows(
    db,
    sql`with actual as (
          select hr.volunteer_id, k.period,
                 coalesce(sum(hr.minutes) filter (where hr.status = 'approved'), 0)::int as minutes,
                 (count(*) filter (where hr.status = 'approved'))::int as records,
                 (count(*) filter (where hr.status = 'pending'))::int as pending,
                 (count(distinct hr.activity_id) filter (where hr.status = 'approved'))::int as activities
            from hour_records hr
           cross join lateral (values (to_char(hr.service_date, 'YYYY')),
                                      (to_char(hr.service_date, 'YYYY') ||
                                       case when extract(month from hr.service_date) <= 6 then '-H1' else '-H2' end),
                                      (to_char(hr.service_date, 'YYYY-MM'))) as k(period)
           where hr.status in ('approved', 'pending')
           group by 1, 2)
        select coalesce(s.volunteer_id, a.volunteer_id) as volunteer_id, coalesce(s.period, a.period) as period,
               s.approved_minutes as s_minutes, s.approved_records as s_records,
               s.pending_records as s_pending, s.activities as s_activities,
               a.minutes as a_minutes, a.records as a_records, a.pending as a_pending, a.activities as a_activities
          from ${volunteerPeriodTotals} s
          full join actual a on a.volunteer_id = s.volunteer_id and a.period = s.period
         where (s.approved_minutes, s.approved_records, s.pending_records, s.activities)
               is distinct from (a.minutes, a.records, a.pending, a.activities)
         order by 1, 2
         limit 1000`,
  );
  const totals = (row: Record<string, unknown>, prefix: "s" | "a"): PeriodTotals | null =>
    row[`${prefix}_minutes`] === null || row[`${prefix}_minutes`] === undefined
      ? null
      : {
          approvedMinutes: Number(row[`${prefix}_minutes`]),
          approvedRecords: Number(row[`${prefix}_records`]),
          pendingRecords: Number(row[`${prefix}_pending`]),
          activities: Number(row[`${prefix}_activities`]),
        };
  return rows.map((row) => ({
    volunteerId: String(row.volunteer_id),
    period: String(row.period),
    stored: totals(row, "s"),
    actual: totals(row, "a"),
  }));
}
