import { sql } from "drizzle-orm";
import type { Actor } from "~/domains/accounts/actor";
import { authorize } from "~/domains/accounts/authorize";
import { NotFoundError } from "~/domains/errors";
import { type Database, type DbOrTx, selectRows } from "~/utils/db.server";
import { baseFigures, dimensionKey, type Period, trendMonths } from "./figures";
import { lastRefresh, type RefreshState } from "./refresh.server";

/** Whose figures a page shows: one office, or a whole district (its bureau's id). */
export interface OversightScope {
  kind: "office" | "district";
  id: string;
  districtId: string;
  /** The office's or bureau's name. */
  name: string;
}

export interface OfficeOption {
  id: string;
  name: string;
}

/**
 * The scope an actor may see, narrowed to `officeId` when asked: office staff their own office
 * (another office is a 404), bureau admins their district or one office of it. Also the district's
 * offices for the filter (one query).
 */
export async function resolveScope(
  db: DbOrTx,
  actor: Actor,
  officeId: string | null,
  permission: "read" | "export" = "read",
): Promise<{ scope: OversightScope; offices: OfficeOption[] }> {
  const reach = authorize(actor, `${permission}:oversight`);
  if (!actor.districtId || !actor.organizationId) throw new NotFoundError("oversight scope");
  const rows = await selectRows<{ id: string; name: string; kind: string }>(
    db,
    sql`select id, name, kind::text as kind from organizations
        where (district_id = ${actor.districtId} and kind = 'office') or id = ${actor.districtId}
        order by kind, name`,
  );
  const offices = rows.filter((row) => row.kind === "office").map(({ id, name }) => ({ id, name }));
  const bureau = rows.find((row) => row.id === actor.districtId);
  if (reach === "office") {
    const own = offices.find((office) => office.id === actor.organizationId);
    if (!own || (officeId && officeId !== own.id)) throw new NotFoundError("oversight office");
    return {
      scope: { kind: "office", id: own.id, districtId: actor.districtId, name: own.name },
      offices: [own],
    };
  }
  if (officeId) {
    const office = offices.find((candidate) => candidate.id === officeId);
    if (!office) throw new NotFoundError("oversight office");
    return {
      scope: { kind: "office", id: office.id, districtId: actor.districtId, name: office.name },
      offices,
    };
  }
  return {
    scope: { kind: "district", id: actor.districtId, districtId: actor.districtId, name: bureau?.name ?? "" },
    offices,
  };
}

export interface DashboardData {
  /** Base values of the period and of `now` (dimension values under `figure|dimension`). */
  values: Map<string, number>;
  /** Per trend figure, one value per month (oldest first). */
  trend: { months: string[]; series: Record<string, number[]> };
  /** District only: each office's base values for the same period. */
  byOffice: Map<string, Map<string, number>>;
  refresh: RefreshState | null;
}

const trendKeys = baseFigures.filter((figure) => figure.trend).map((figure) => figure.key);

/**
 * Everything a dashboard (or a monthly report) shows, from the summary rows only: one indexed read
 * of the scope's rows, one of the district's office rows (district scope), and the refresh row.
 */
export async function loadDashboard(
  db: Database,
  scope: OversightScope,
  period: Period,
  now: Date,
): Promise<DashboardData> {
  const months = trendMonths(period, now);
  const first = months[0]!.start;
  const last = months[months.length - 1]!.start;
  // The scope's figures and, for a district, each office's figures of the period in one statement.
  const officeFigures =
    scope.kind === "district"
      ? sql`union all
            select 'office' as part, scope_id::text as scope_id, period_kind::text, period_start::text, figure,
                   dimension, value
              from oversight_figures
             where district_id = ${scope.districtId} and scope_kind = 'office' and dimension = ''
               and ((period_kind = ${period.kind} and period_start = ${period.start}::date)
                 or (period_kind = 'now' and figure not like 'public.%'))`
      : sql``;
  const [allRows, refresh] = await Promise.all([
    selectRows<{
      part: "scope" | "office";
      scope_id: string | null;
      period_kind: string;
      period_start: string | Date;
      figure: string;
      dimension: string;
      value: number;
    }>(
      db,
      sql`select 'scope' as part, null::text as scope_id, period_kind::text, period_start::text as period_start,
                 figure, dimension, value
          from oversight_figures
          where scope_id = ${scope.id}
            and (period_kind = 'now'
              or (period_kind = ${period.kind} and period_start = ${period.start}::date)
              or (period_kind = 'month' and period_start between ${first}::date and ${last}::date
                  and figure in ${sql`(${sql.join(
                    trendKeys.map((key) => sql`${key}`),
                    sql`, `,
                  )})`}))
          ${officeFigures}`,
    ),
    lastRefresh(db),
  ]);
  const rows = allRows.filter((row) => row.part === "scope");
  const officeRows = allRows.filter((row) => row.part === "office");
  const values = new Map<string, number>();
  const series: Record<string, number[]> = Object.fromEntries(
    trendKeys.map((key) => [key, months.map(() => 0)]),
  );
  const monthIndex = new Map(months.map((month, index) => [month.start, index]));
  for (const row of rows) {
    const value = Number(row.value);
    const start = String(row.period_start).slice(0, 10);
    const isSelected =
      row.period_kind === "now" || (row.period_kind === period.kind && start === period.start);
    if (isSelected) values.set(row.dimension ? dimensionKey(row.figure, row.dimension) : row.figure, value);
    const index = row.period_kind === "month" ? monthIndex.get(start) : undefined;
    if (index !== undefined && series[row.figure] && !row.dimension) series[row.figure]![index] = value;
  }
  const byOffice = new Map<string, Map<string, number>>();
  for (const row of officeRows) {
    const office = byOffice.get(row.scope_id!) ?? new Map<string, number>();
    office.set(row.figure, Number(row.value));
    byOffice.set(row.scope_id!, office);
  }
  return { values, trend: { months: months.map((month) => month.key), series }, byOffice, refresh };
}

/** The public totals of the whole portal (every district), for the landing page: one read. */
export async function publicTotals(
  db: DbOrTx,
): Promise<Record<"volunteers" | "minutes" | "organizations" | "consultations", number>> {
  const rows = await selectRows<{ figure: string; total: number }>(
    db,
    sql`select figure, sum(value)::bigint as total from oversight_figures
        where scope_kind = 'district' and period_kind = 'now' and figure like 'public.%'
        group by figure`,
  );
  const total = (key: string) => Number(rows.find((row) => row.figure === key)?.total ?? 0);
  return {
    volunteers: total("public.volunteers"),
    minutes: total("public.minutes"),
    organizations: total("public.organizations"),
    consultations: total("public.consultations"),
  };
}
