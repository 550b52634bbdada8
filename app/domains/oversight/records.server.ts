import { type SQL, sql } from "drizzle-orm";
import { type DbOrTx, selectRows } from "~/utils/db.server";
import type { OversightScope } from "./dashboard.server";
import { type BaseFigure, figureOf, isRate, type Period } from "./figures";
import { sourceOf } from "./sources.server";

/**
 * The records behind a figure: the same rows its summary counts (sources.server.ts), in the same
 * scope and period, read live. A `distinct` figure lists one row per thing it counts (a volunteer
 * with their minutes), a `sum` or `median` the records with their amounts.
 */
export interface FigureRecord {
  id: string;
  day: string;
  officeName: string;
  reference: string;
  detail: string;
  status: string;
  amount: number | null;
}

export interface RecordQuery {
  figure: string;
  scope: OversightScope;
  period: Period;
  dimension: string | null;
  now: Date;
}

export const RECORDS_PAGE_SIZE = 50;
/** One CSV export holds at most this many rows (the file says when it was cut). */
export const EXPORT_ROW_LIMIT = 50_000;

function baseFigure(key: string): BaseFigure | null {
  const figure = figureOf(key);
  return figure && !isRate(figure) && !figure.key.startsWith("public.") ? figure : null;
}

function recordsSql(query: RecordQuery, figure: BaseFigure, limit: SQL): SQL {
  const source = sourceOf(figure.key);
  const scopeColumn = query.scope.kind === "district" ? source.district : source.office;
  const conditions: SQL[] = [source.where(query.now)];
  conditions.push(scopeColumn ? sql`${scopeColumn} = ${query.scope.id}` : sql`false`);
  if (query.scope.kind === "district") conditions.push(sql`${source.district} = ${query.scope.districtId}`);
  if (figure.timing === "period")
    conditions.push(
      sql`${source.day} >= ${query.period.start}::date and ${source.day} < ${query.period.end}::date`,
    );
  if (source.dimension) conditions.push(sql`${source.dimension} = ${query.dimension ?? ""}`);
  const where = sql.join(conditions, sql` and `);
  const officeName = source.office
    ? sql`(select name from organizations where id = ${source.office})`
    : sql`(select name from organizations where id = ${source.district})`;
  if (figure.aggregate === "distinct") {
    return sql`
      select ${source.list.id} as id, max(${source.day})::text as day, max(${officeName}) as office_name,
        coalesce(max(${source.list.reference}), '') as reference, '' as detail, '' as status,
        sum(${source.amount ?? sql`0`})::bigint as amount, count(*) over () as total
      from ${source.from} where ${where}
      group by ${source.list.id}
      order by day desc, id
      ${limit}`;
  }
  return sql`
    select ${source.list.id} as id, (${source.day})::text as day, ${officeName} as office_name,
      coalesce(${source.list.reference}, '') as reference, coalesce(${source.list.detail}, '') as detail,
      ${source.list.status} as status, ${source.amount ?? sql`null::bigint`} as amount, count(*) over () as total
    from ${source.from} where ${where}
    order by day desc, id
    ${limit}`;
}

type RecordRow = {
  id: string;
  day: string | null;
  office_name: string | null;
  reference: string;
  detail: string;
  status: string;
  amount: number | string | null;
  total: number | string;
};

const toRecord = (row: RecordRow): FigureRecord => ({
  id: row.id,
  day: row.day ?? "",
  officeName: row.office_name ?? "",
  reference: row.reference,
  detail: row.detail,
  status: row.status,
  amount: row.amount === null ? null : Number(row.amount),
});

/** One page of a figure's records and their total; null for a figure that has no records list. */
export async function listFigureRecords(
  db: DbOrTx,
  query: RecordQuery,
  page: number,
): Promise<{ rows: FigureRecord[]; total: number; page: number; pageSize: number } | null> {
  const figure = baseFigure(query.figure);
  if (!figure) return null;
  const offset = (page - 1) * RECORDS_PAGE_SIZE;
  const rows = await selectRows<RecordRow>(
    db,
    recordsSql(query, figure, sql`limit ${RECORDS_PAGE_SIZE} offset ${offset}`),
  );
  let total = Number(rows[0]?.total ?? 0);
  if (rows.length === 0 && page > 1) {
    const [first] = await selectRows<RecordRow>(db, recordsSql(query, figure, sql`limit 1`));
    total = Number(first?.total ?? 0);
  }
  return { rows: rows.map(toRecord), total, page, pageSize: RECORDS_PAGE_SIZE };
}

/** Every record of a figure (up to the export limit), for the CSV export. */
export async function allFigureRecords(
  db: DbOrTx,
  query: RecordQuery,
): Promise<{ rows: FigureRecord[]; total: number; truncated: boolean } | null> {
  const figure = baseFigure(query.figure);
  if (!figure) return null;
  const rows = await selectRows<RecordRow>(db, recordsSql(query, figure, sql`limit ${EXPORT_ROW_LIMIT}`));
  const total = Number(rows[0]?.total ?? 0);
  return { rows: rows.map(toRecord), total, truncated: total > rows.length };
}
