import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "./accounts";

/**
 * The summary rows behind the oversight dashboards (app/domains/oversight, ADR 016). One row per
 * scope (an office, or a whole district), period (a month, a year, or `now` for a state such as
 * "open needs") and figure; a figure with a breakdown (open needs by category) has one row per
 * `dimension`. A row that is absent is zero. The rows are rebuilt as a whole by the registered job
 * `oversight-refresh` in one transaction, so a dashboard reads a consistent set and never scans the
 * raw records. District rows are computed over the district's raw rows, not summed from offices,
 * because distinct counts and medians do not add up.
 */
export const oversightFigures = pgTable(
  "oversight_figures",
  {
    scopeKind: text().notNull(),
    /** The office's id, or the bureau's (the district's) id. */
    scopeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    periodKind: text().notNull(),
    /** The first day of the month or year (Beijing dates); the refresh day for `now`. */
    periodStart: date().notNull(),
    figure: text().notNull(),
    dimension: text().notNull().default(""),
    value: bigint({ mode: "number" }).notNull(),
  },
  (table) => [
    primaryKey({
      columns: [table.scopeId, table.periodKind, table.periodStart, table.figure, table.dimension],
    }),
    index("oversight_figures_district_idx").on(table.districtId, table.periodKind, table.periodStart),
    // The landing page's public totals: the districts' current public figures (a few dozen rows).
    index("oversight_figures_public_idx")
      .on(table.figure)
      .where(
        sql`${table.scopeKind} = 'district' and ${table.periodKind} = 'now' and ${table.figure} like 'public.%'`,
      ),
    check("oversight_figures_scope_kind", sql`${table.scopeKind} in ('office', 'district')`),
    check(
      "oversight_figures_district_scope",
      sql`${table.scopeKind} <> 'district' or ${table.scopeId} = ${table.districtId}`,
    ),
    check("oversight_figures_period_kind", sql`${table.periodKind} in ('month', 'year', 'now')`),
    check("oversight_figures_figure_shape", sql`${table.figure} ~ '^[a-z]+\\.[a-zA-Z0-9]+$'`),
    check("oversight_figures_value", sql`${table.value} >= 0`),
  ],
);

/**
 * The last refresh of the summary rows: one row (id 1). `version` grows with every refresh; rendered
 * charts are cached by it, and the dashboards show `refreshed_at`.
 */
export const oversightRefreshes = pgTable(
  "oversight_refreshes",
  {
    id: smallint().primaryKey(),
    version: integer().notNull(),
    refreshedAt: timestamp({ withTimezone: true }).notNull(),
    durationMs: integer().notNull(),
    rowCount: integer().notNull(),
  },
  (table) => [
    check("oversight_refreshes_single", sql`${table.id} = 1`),
    check(
      "oversight_refreshes_counts",
      sql`${table.version} >= 1 and ${table.durationMs} >= 0 and ${table.rowCount} >= 0`,
    ),
  ],
);
