/**
 * Prints the SQL of migration 0018_holidays from the `chinese-days` package (the State Council's
 * schedules, kept up to date by its maintainers), plus the statutory days of years the package does
 * not hold yet. Run `npx tsx scripts/calendar-sql.ts > db/migrations/0018_holidays.sql` once, when
 * the migration is written; later years are entered on /admin/calendar (a landed migration is never
 * edited).
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const data = require("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
const packageVersion = (require("chinese-days/package.json") as { version: string }).version;

const YEARS = [2025, 2026, 2027];

/** The package's short names ("清明") to the names the State Council's notices use ("清明节"). */
const officialName: Record<string, string> = {
  元旦: "元旦",
  春节: "春节",
  清明: "清明节",
  劳动节: "劳动节",
  端午: "端午节",
  中秋: "中秋节",
  国庆节: "国庆节",
};

/**
 * 2027: the State Council's notice (usually published in November) was not available when this
 * migration was written, and `chinese-days` has no 2027 data. What is already official are the
 * statutory holidays of 《全国年节及纪念日放假办法》 (2024 revision): 元旦 1 day, 春节 4 days (除夕 to
 * 初三), 清明节 1, 劳动节 2 (May 1–2), 端午节 1, 中秋节 1, 国庆节 3 (Oct 1–3). Lunar dates from the
 * package's own lunar calendar. The block arrangement and make-up working days (调休) are entered on
 * /admin/calendar once the notice is out.
 */
const statutory2027: [string, string][] = [
  ["2027-01-01", "元旦"],
  ["2027-02-05", "春节"],
  ["2027-02-06", "春节"],
  ["2027-02-07", "春节"],
  ["2027-02-08", "春节"],
  ["2027-04-05", "清明节"],
  ["2027-05-01", "劳动节"],
  ["2027-05-02", "劳动节"],
  ["2027-06-09", "端午节"],
  ["2027-09-15", "中秋节"],
  ["2027-10-01", "国庆节"],
  ["2027-10-02", "国庆节"],
  ["2027-10-03", "国庆节"],
];

type Row = { day: string; kind: "holiday" | "workday"; name: string };

function fromPackage(entries: Record<string, string>, kind: Row["kind"]): Row[] {
  return Object.entries(entries)
    .filter(([day]) => YEARS.includes(Number(day.slice(0, 4))))
    .map(([day, description]) => {
      const chinese = description.split(",")[1] ?? "";
      const name = officialName[chinese];
      if (!name) throw new Error(`unknown holiday name "${description}" on ${day}`);
      return { day, kind, name };
    });
}

const rows: Row[] = [...fromPackage(data.holidays, "holiday"), ...fromPackage(data.workdays, "workday")];
if (rows.some((row) => row.day.startsWith("2027"))) {
  throw new Error("chinese-days now has 2027: use its data instead of the statutory list");
}
rows.push(...statutory2027.map(([day, name]) => ({ day, kind: "holiday" as const, name })));
rows.sort((a, b) => a.day.localeCompare(b.day));

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const lines = [
  `-- The working-day calendar's exceptions (ADR 008): official holidays (also those on weekends within a`,
  `-- holiday block) and make-up working days (调休). 2025 and 2026 from chinese-days ${packageVersion}, which follows`,
  `-- the State Council's notices 国务院办公厅关于2025年/2026年部分节假日安排的通知 (of 2024-11-12 and 2025-11-04);`,
  `-- written by scripts/calendar-sql.ts and checked by hand against the notices.`,
  `-- 2027: chinese-days ${packageVersion} has no 2027 data and the State Council's 2027 notice was not available;`,
  `-- only the statutory holidays (全国年节及纪念日放假办法, 2024) are included, without the block arrangement`,
  `-- or make-up working days — a system admin completes 2027 on /admin/calendar when the notice is out.`,
  `INSERT INTO "calendar_days" ("day", "kind", "name") VALUES`,
  rows.map((row) => `  (${quote(row.day)}, ${quote(row.kind)}, ${quote(row.name)})`).join(",\n") + ";",
  `--> statement-breakpoint`,
  `-- Editing the calendar (app/domains/calendar/permissions.ts is the same table in code).`,
  `INSERT INTO "permissions" ("key", "description") VALUES`,
  `  ('manage:calendar:any', 'Edit the working-day calendar (official holidays and make-up working days)');`,
  `--> statement-breakpoint`,
  `INSERT INTO "role_permissions" ("role", "permission") VALUES`,
  `  ('system_admin', 'manage:calendar:any');`,
];
console.log(lines.join("\n"));
