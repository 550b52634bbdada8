/**
 * The oversight figures (issue 18, ADR 016): what each dashboard number means, pure. The SQL that
 * counts each base figure lives in sources.server.ts under the same key; the summary rows
 * (oversight_figures) hold base figures only, and rates are divided here at read time.
 */

/** A base figure is one aggregate over one kind of raw record. */
export type FigureAggregate = "count" | "sum" | "distinct" | "median";
/** How a value is shown: a number of things, minutes shown as hours, a duration, or a share. */
export type FigureUnit = "count" | "hours" | "duration" | "rate";
/** `period`: counted over a month or a year; `now`: a state at the refresh time. */
export type FigureTiming = "period" | "now";
export type FigureGroup = "volunteers" | "matching" | "employment" | "legal" | "organizations" | "awards";

export interface BaseFigure {
  key: string;
  group: FigureGroup;
  aggregate: FigureAggregate;
  unit: Exclude<FigureUnit, "rate">;
  timing: FigureTiming;
  /** Only a district has it (organizations are not an office's). */
  districtOnly?: boolean;
  /** Kept per month for the trend chart. */
  trend?: boolean;
  /** The breakdown its rows carry in `dimension`. */
  dimension?: "category" | "urgency";
  /** Shown on the dashboards (a denominator used only by a rate is not). */
  shown: boolean;
}

export interface RateFigure {
  key: string;
  group: FigureGroup;
  unit: "rate";
  numerator: string;
  denominator: string;
}

export type FigureDefinition = BaseFigure | RateFigure;

const base = (
  key: string,
  group: FigureGroup,
  aggregate: FigureAggregate,
  timing: FigureTiming,
  options: Partial<Pick<BaseFigure, "districtOnly" | "trend" | "dimension" | "shown" | "unit">> = {},
): BaseFigure => ({
  key,
  group,
  aggregate,
  timing,
  unit: options.unit ?? (aggregate === "median" ? "duration" : "count"),
  shown: options.shown ?? true,
  ...options,
});

export const baseFigures: readonly BaseFigure[] = [
  base("volunteers.active", "volunteers", "distinct", "period", { trend: true }),
  base("volunteers.minutes", "volunteers", "sum", "period", { trend: true, unit: "hours" }),
  base("volunteers.activities", "volunteers", "count", "period"),
  base("volunteers.places", "volunteers", "sum", "period", { shown: false }),
  base("volunteers.placesFilled", "volunteers", "sum", "period", { shown: false }),
  base("volunteers.pendingVolunteers", "volunteers", "count", "now"),
  base("volunteers.pendingHours", "volunteers", "count", "now"),
  base("matching.needsRegistered", "matching", "count", "period", { trend: true }),
  base("matching.referralsSent", "matching", "count", "period"),
  base("matching.acceptMinutes", "matching", "median", "period"),
  base("matching.resolveMinutes", "matching", "median", "period"),
  base("matching.referralsResolved", "matching", "count", "period", { shown: false }),
  base("matching.referralsClosed", "matching", "count", "period", { shown: false }),
  base("matching.openNeeds", "matching", "count", "now"),
  base("matching.openNeedsByCategory", "matching", "count", "now", { dimension: "category", shown: false }),
  base("matching.openNeedsByUrgency", "matching", "count", "now", { dimension: "urgency", shown: false }),
  base("matching.overdueNeeds", "matching", "count", "now"),
  base("matching.overdueReferrals", "matching", "count", "now"),
  base("employment.placements", "employment", "count", "period", { trend: true }),
  base("employment.trainingsCompleted", "employment", "count", "period"),
  ...[30, 90, 180].flatMap((days) => [
    base(`employment.retained${days}`, "employment", "count", "period", { shown: false }),
    base(`employment.checked${days}`, "employment", "count", "period", { shown: false }),
  ]),
  base("legal.consultations", "legal", "count", "period", { trend: true }),
  base("legal.withOutcome", "legal", "count", "period", { shown: false }),
  base("legal.noShows", "legal", "count", "period", { shown: false }),
  base("legal.officesWithoutHours", "legal", "count", "now"),
  base("organizations.pending", "organizations", "count", "now", { districtOnly: true }),
  base("awards.inProgress", "awards", "count", "now"),
  // Public totals (the landing page): all time, per district.
  base("public.volunteers", "volunteers", "count", "now", { shown: false }),
  base("public.minutes", "volunteers", "sum", "now", { shown: false, unit: "hours" }),
  base("public.organizations", "organizations", "count", "now", { shown: false }),
  base("public.consultations", "legal", "count", "now", { shown: false }),
];

const rate = (key: string, group: FigureGroup, numerator: string, denominator: string): RateFigure => ({
  key,
  group,
  unit: "rate",
  numerator,
  denominator,
});

export const rateFigures: readonly RateFigure[] = [
  rate("volunteers.fillRate", "volunteers", "volunteers.placesFilled", "volunteers.places"),
  rate("matching.resolutionRate", "matching", "matching.referralsResolved", "matching.referralsClosed"),
  ...[30, 90, 180].map((days) =>
    rate(
      `employment.retention${days}`,
      "employment",
      `employment.retained${days}`,
      `employment.checked${days}`,
    ),
  ),
  rate("legal.noShowRate", "legal", "legal.noShows", "legal.withOutcome"),
];

const byKey = new Map<string, FigureDefinition>(
  [...baseFigures, ...rateFigures].map((figure) => [figure.key, figure]),
);

export function figureOf(key: string): FigureDefinition | undefined {
  return byKey.get(key);
}

export const isRate = (figure: FigureDefinition): figure is RateFigure => figure.unit === "rate";

/** The figures a dashboard shows, in order, per group (rates after the counts they explain). */
export const dashboardOrder: Record<FigureGroup, readonly string[]> = {
  volunteers: [
    "volunteers.active",
    "volunteers.minutes",
    "volunteers.activities",
    "volunteers.fillRate",
    "volunteers.pendingVolunteers",
    "volunteers.pendingHours",
  ],
  matching: [
    "matching.openNeeds",
    "matching.overdueNeeds",
    "matching.overdueReferrals",
    "matching.needsRegistered",
    "matching.referralsSent",
    "matching.acceptMinutes",
    "matching.resolveMinutes",
    "matching.resolutionRate",
  ],
  employment: [
    "employment.placements",
    "employment.retention30",
    "employment.retention90",
    "employment.retention180",
    "employment.trainingsCompleted",
  ],
  legal: ["legal.consultations", "legal.noShowRate", "legal.officesWithoutHours"],
  organizations: ["organizations.pending"],
  awards: ["awards.inProgress"],
};

export const figureGroups = Object.keys(dashboardOrder) as FigureGroup[];

/** The base figure whose records a figure's link lists (a rate lists its denominator's records). */
export function recordsFigureOf(key: string): string | null {
  const figure = figureOf(key);
  if (!figure) return null;
  return isRate(figure) ? figure.denominator : figure.key;
}

/** Base figures whose records can be listed (public totals are not drilled into). */
export const listableFigureKeys: readonly string[] = baseFigures
  .filter((figure) => !figure.key.startsWith("public."))
  .map((figure) => figure.key);

// ---------------------------------------------------------------------------------------------
// Periods (Beijing calendar: UTC+8, no DST).

export type PeriodKind = "month" | "year";
export interface Period {
  kind: PeriodKind;
  /** `2026-11` or `2026`. */
  key: string;
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** First day after the period, `YYYY-MM-DD`. */
  end: string;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60_000;

/** Today's date in Beijing as `YYYY-MM-DD`. */
export function beijingDay(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

const pad = (value: number) => String(value).padStart(2, "0");

function monthPeriod(year: number, month: number): Period {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return {
    kind: "month",
    key: `${year}-${pad(month)}`,
    start: `${year}-${pad(month)}-01`,
    end: `${next.year}-${pad(next.month)}-01`,
  };
}

function yearPeriod(year: number): Period {
  return { kind: "year", key: String(year), start: `${year}-01-01`, end: `${year + 1}-01-01` };
}

/** The current month in Beijing. */
export function currentPeriod(now: Date): Period {
  const [year, month] = beijingDay(now).split("-").map(Number) as [number, number];
  return monthPeriod(year, month);
}

/**
 * The period a URL names (`2026-11` or `2026`), or the current month when it names none or one
 * outside the summary rows' reach (before 2000, or after the current period).
 */
export function parsePeriod(value: string | null | undefined, now: Date): Period {
  const current = currentPeriod(now);
  const text = (value ?? "").trim();
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  const year = /^(\d{4})$/.exec(text);
  let period: Period | null = null;
  if (month) {
    const m = Number(month[2]);
    if (m >= 1 && m <= 12) period = monthPeriod(Number(month[1]), m);
  } else if (year) {
    period = yearPeriod(Number(year[1]));
  }
  if (!period || period.start < "2000-01-01" || period.start > current.start) return current;
  return period;
}

/** The months a trend chart shows: the twelve up to the period's month (a year's: up to its last). */
export function trendMonths(period: Period, now: Date, count = 12): Period[] {
  const current = currentPeriod(now);
  const last =
    period.kind === "month"
      ? period
      : period.end > current.start
        ? current
        : monthOfDay(`${Number(period.key)}-12-01`);
  const [year, month] = last.key.split("-").map(Number) as [number, number];
  const months: Period[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const index = year * 12 + (month - 1) - i;
    months.push(monthPeriod(Math.floor(index / 12), (index % 12) + 1));
  }
  return months;
}

function monthOfDay(day: string): Period {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return monthPeriod(year, month);
}

/** The periods offered in the filter: the last 12 months and the current and previous years. */
export function periodChoices(now: Date): Period[] {
  const current = currentPeriod(now);
  const months = trendMonths(current, now).reverse();
  const year = Number(current.key.slice(0, 4));
  return [...months, yearPeriod(year), yearPeriod(year - 1)];
}

/** How far back the refresh counts: the previous year's first day (trends and year figures). */
export function refreshWindowStart(now: Date): string {
  return `${Number(beijingDay(now).slice(0, 4)) - 1}-01-01`;
}

// ---------------------------------------------------------------------------------------------
// Values.

export type FigureValues = ReadonlyMap<string, number>;

/** A figure's value from the base values (absent = 0); a rate with no denominator is null. */
export function valueOf(values: FigureValues, key: string): number | null {
  const figure = figureOf(key);
  if (!figure) return null;
  // A median of no records is not zero minutes: it is unknown.
  if (!isRate(figure)) return values.get(key) ?? (figure.aggregate === "median" ? null : 0);
  const denominator = values.get(figure.denominator) ?? 0;
  if (denominator === 0) return null;
  return (values.get(figure.numerator) ?? 0) / denominator;
}

/** Small cells: counts below this are never shown outside the justice roles. */
export const SMALL_CELL_THRESHOLD = 5;

/** A public count, or null when it is small enough to point at a person (fewer than 5). */
export function suppressSmall(value: number): number | null {
  return value < SMALL_CELL_THRESHOLD ? null : value;
}

/** The key of a figure's value broken down by one dimension value. */
export const dimensionKey = (figure: string, dimension: string) => `${figure}|${dimension}`;
