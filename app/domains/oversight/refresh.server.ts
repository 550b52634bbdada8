import { sql } from "drizzle-orm";
import { type Database, selectRows } from "~/utils/db.server";
import { type BaseFigure, baseFigures, beijingDay, refreshWindowStart } from "./figures";
import { aggregateOf, sourceOf } from "./sources.server";

/**
 * Rebuilds every summary row (oversight_figures) from the raw records in one transaction: readers
 * see the old set until it commits, then the new one, never a mixture. Period figures cover the
 * previous and the current year (by month and by year); `now` figures the state at `now`. Run by the
 * registered job `oversight-refresh`; the dashboards show `refreshed_at`.
 */
export async function refreshOversightFigures(
  db: Database,
  now: Date,
): Promise<{ version: number; rows: number; durationMs: number }> {
  const started = Date.now();
  return db.transaction(async (tx) => {
    // One refresh at a time (two instances, or a manual run beside the job).
    await tx.execute(sql`select pg_advisory_xact_lock(${OVERSIGHT_REFRESH_LOCK})`);
    await tx.execute(sql`delete from oversight_figures`);
    let rows = 0;
    for (const figure of baseFigures) {
      rows += await insertFigure(tx, figure, now);
    }
    const durationMs = Date.now() - started;
    const [refresh] = await selectRows<{ version: number }>(
      tx,
      sql`insert into oversight_refreshes (id, version, refreshed_at, duration_ms, row_count)
          values (1, 1, ${now.toISOString()}::timestamptz, ${durationMs}, ${rows})
          on conflict (id) do update set version = oversight_refreshes.version + 1,
            refreshed_at = excluded.refreshed_at, duration_ms = excluded.duration_ms, row_count = excluded.row_count
          returning version`,
    );
    return { version: Number(refresh!.version), rows, durationMs };
  });
}

export const OVERSIGHT_REFRESH_LOCK = 7_205_118_318;

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function insertFigure(tx: Tx, figure: BaseFigure, now: Date): Promise<number> {
  const source = sourceOf(figure.key);
  const office = source.office ?? sql`null::uuid`;
  const inner = sql`
    select ${office} as office_id, ${source.district} as district_id, ${source.day} as day,
      ${source.amount ?? sql`null::bigint`} as amount, ${source.distinctKey ?? sql`null::uuid`} as distinct_key,
      ${source.dimension ?? sql`''`} as dimension
    from ${source.from}
    where ${source.where(now)}`;
  const aggregate = aggregateOf(figure);
  const scopeSets = source.office
    ? sql`grouping sets ((src.district_id, src.office_id, p.kind, p.start, src.dimension), (src.district_id, p.kind, p.start, src.dimension))`
    : sql`grouping sets ((src.district_id, p.kind, p.start, src.dimension))`;
  const scopeColumns = source.office
    ? sql`case when grouping(src.office_id) = 1 then 'district' else 'office' end, coalesce(src.office_id, src.district_id)`
    : sql`'district', src.district_id`;
  const periods =
    figure.timing === "period"
      ? sql`cross join lateral (values ('month', date_trunc('month', src.day)::date), ('year', date_trunc('year', src.day)::date)) p(kind, start)
          where src.day >= ${refreshWindowStart(now)}::date`
      : sql`cross join lateral (values ('now', ${beijingDay(now)}::date)) p(kind, start)`;
  const result = await selectRows<{ n: number }>(
    tx,
    sql`with inserted as (
      insert into oversight_figures (scope_kind, scope_id, district_id, period_kind, period_start, figure, dimension, value)
      select ${scopeColumns}, src.district_id, p.kind, p.start, ${figure.key}, src.dimension, ${aggregate}
      from (${inner}) src
      ${periods}
      group by ${scopeSets}
      returning 1)
    select count(*)::int as n from inserted`,
  );
  return Number(result[0]?.n ?? 0);
}

export interface RefreshState {
  version: number;
  refreshedAt: Date;
  durationMs: number;
}

/** The last refresh, or null before the first. */
export async function lastRefresh(db: Database): Promise<RefreshState | null> {
  const [row] = await selectRows<{ version: number; refreshed_at: Date | string; duration_ms: number }>(
    db,
    sql`select version, refreshed_at, duration_ms from oversight_refreshes where id = 1`,
  );
  return row
    ? {
        version: Number(row.version),
        refreshedAt: new Date(row.refreshed_at),
        durationMs: Number(row.duration_ms),
      }
    : null;
}
