/**
 * The oversight share of `npm run bench` (issue 18), as a module the bench script calls (it is
 * owned elsewhere): the summary refresh at scale, the district dashboard's read of the summary rows
 * against the same run's indexed-lookup baseline, a figure's drill-down page, and a chart render
 * (cold and cached). Wire it in `scripts/bench.ts` by adding the page target
 *   { name: "bureau-oversight", path: "/staff/oversight", role: "bureauAdmin", key: true }
 * and, in microBenchmarks(), `results.push(...(await benchOversight({ db, timeIt, baselineMs: baseline })))`.
 */
import { sql } from "drizzle-orm";
import { renderChart, renderSvg } from "~/components/charts/render-chart.server";
import { loadDashboard, resolveScope } from "~/domains/oversight/dashboard.server";
import { parsePeriod } from "~/domains/oversight/figures";
import { listFigureRecords } from "~/domains/oversight/records.server";
import { refreshOversightFigures } from "~/domains/oversight/refresh.server";
import { actorOf } from "~/domains/accounts/actor";
import { rolePermissionSeed } from "~/domains/permission-registry";
import { type Database, selectRows } from "~/utils/db.server";

export interface OversightBenchResult {
  name: string;
  ms: number;
  baseline?: string;
  ratio?: number;
  note?: string;
}

export async function benchOversight(options: {
  db: Database;
  timeIt: (fn: () => unknown | Promise<unknown>, budgetMs?: number) => Promise<number>;
  /** The run's baseline: a primary-key lookup, in milliseconds. */
  baselineMs: number;
  now?: Date;
}): Promise<OversightBenchResult[]> {
  const { db, timeIt, baselineMs } = options;
  const now = options.now ?? new Date();
  const results: OversightBenchResult[] = [];
  const add = (name: string, ms: number, note?: string) =>
    results.push({ name, ms, baseline: "users by primary key", ratio: ms / baselineMs, note });

  const started = performance.now();
  const refresh = await refreshOversightFigures(db, now);
  results.push({
    name: "job: oversight summary refresh (whole database)",
    ms: performance.now() - started,
    note: `${refresh.rows} summary rows`,
  });

  const [admin] = await selectRows<{ id: string; organization_id: string }>(
    db,
    sql`select u.id, u.organization_id from users u join organizations o on o.id = u.organization_id
        where u.role = 'bureau_admin' and o.kind = 'bureau' order by u.email limit 1`,
  );
  if (!admin) return results;
  const actor = actorOf(
    {
      id: admin.id,
      role: "bureau_admin",
      organizationId: admin.organization_id,
      organizationStatus: "verified",
      districtId: admin.organization_id,
    },
    rolePermissionSeed.bureau_admin,
  );
  const { scope } = await resolveScope(db, actor, null);
  const period = parsePeriod(null, now);
  add(
    "query: district dashboard from summary rows (bar ≤ 100 ms)",
    await timeIt(() => loadDashboard(db, scope, period, now)),
  );
  add(
    "query: drill-down page, approved hours of the district this month",
    await timeIt(() =>
      listFigureRecords(db, { figure: "volunteers.minutes", scope, period, dimension: null, now }, 1),
    ),
  );
  const spec = {
    kind: "line" as const,
    categories: Array.from({ length: 12 }, (_, index) => `${index + 1}`),
    series: [{ name: "hours", values: Array.from({ length: 12 }, (_, index) => index * 10) }],
  };
  results.push({
    name: "pure: ECharts SSR render of one line chart (cold)",
    ms: await timeIt(() => renderSvg(spec)),
  });
  results.push({
    name: "pure: the same chart from the version cache",
    ms: await timeIt(() => renderChart(spec, "bench:cached")),
  });
  return results;
}
