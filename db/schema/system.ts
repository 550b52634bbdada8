import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * Small key/value facts about the installation itself (which demo seed ran, when).
 * Not for domain data: every domain gets real tables with constraints.
 */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * The job registry's ledger (app/domains/jobs): one row per recurring job. An instance runs a job only
 * after winning the row with a guarded update (due and not leased), so two instances run it once; a
 * lease that outlives a dead instance expires.
 */
export const jobRuns = pgTable(
  "job_runs",
  {
    name: text().primaryKey(),
    nextRunAt: timestamp({ withTimezone: true }).notNull(),
    leasedBy: text(),
    leaseUntil: timestamp({ withTimezone: true }),
    lastStartedAt: timestamp({ withTimezone: true }),
    lastFinishedAt: timestamp({ withTimezone: true }),
    lastError: text(),
    runCount: integer().notNull().default(0),
  },
  (table) => [check("job_runs_run_count", sql`${table.runCount} >= 0`)],
);

/**
 * Fixed-window counters of rate limits (app/domains/accounts/rate-limit): one row per limit, key and
 * window, incremented by one upsert, so the limit holds across instances. Pruned by the job registry.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    bucket: text().notNull(),
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    windowEnd: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull().default(1),
  },
  (table) => [
    primaryKey({ columns: [table.bucket, table.key, table.windowStart] }),
    index("rate_limit_counters_window_end_idx").on(table.windowEnd),
    check("rate_limit_counters_hits", sql`${table.hits} >= 1`),
    check("rate_limit_counters_window", sql`${table.windowEnd} > ${table.windowStart}`),
  ],
);

/**
 * The working-day calendar's exceptions to "Monday to Friday": official holidays (also on weekdays) and
 * make-up working days (调休, on weekends). Seeded by a migration with the State Council schedules,
 * editable by system admins for the next year.
 */
export const calendarDayKind = pgEnum("calendar_day_kind", ["holiday", "workday"]);

export const calendarDays = pgTable(
  "calendar_days",
  {
    day: date().primaryKey(),
    kind: calendarDayKind().notNull(),
    /** The holiday's name (e.g. 国庆节), also on a make-up day to say which holiday it serves. */
    name: text().notNull(),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("calendar_days_name_not_blank", sql`length(trim(${table.name})) between 1 and 50`),
    index("calendar_days_kind_idx").on(table.kind, table.day),
  ],
);
