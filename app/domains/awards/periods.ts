/** Award periods: a calendar year (`2026`) or a half-year (`2026-H1`, `2026-H2`), as Beijing dates. */
export type AwardPeriodKind = "year" | "half_year";

export interface AwardPeriod {
  /** `2026`, `2026-H1` or `2026-H2`. */
  key: string;
  start: string;
  end: string;
}

export function periodOf(kind: AwardPeriodKind, key: string): AwardPeriod | null {
  const year = /^(\d{4})(?:-H([12]))?$/.exec(key);
  if (!year) return null;
  const y = Number(year[1]);
  if (y < 2000 || y > 2100) return null;
  if (kind === "year") return year[2] ? null : { key, start: `${y}-01-01`, end: `${y}-12-31` };
  if (!year[2]) return null;
  return year[2] === "1"
    ? { key, start: `${y}-01-01`, end: `${y}-06-30` }
    : { key, start: `${y}-07-01`, end: `${y}-12-31` };
}

/** The periods a nomination may be made for on `today`: the current one and the two before. */
export function recentPeriods(kind: AwardPeriodKind, today: string): AwardPeriod[] {
  const y = Number(today.slice(0, 4));
  const keys =
    kind === "year"
      ? [`${y}`, `${y - 1}`, `${y - 2}`]
      : today.slice(5) >= "07-01"
        ? [`${y}-H2`, `${y}-H1`, `${y - 1}-H2`]
        : [`${y}-H1`, `${y - 1}-H2`, `${y - 1}-H1`];
  return keys.map((key) => periodOf(kind, key)!);
}

/** The period containing a nomination's dates, back as its key (`2026-H1`). */
export function periodKeyOf(start: string, end: string): string {
  const y = start.slice(0, 4);
  if (start.endsWith("-01-01") && end.endsWith("-12-31")) return y;
  return start.endsWith("-01-01") ? `${y}-H1` : `${y}-H2`;
}

/**
 * The summary-row key of a span that is exactly a calendar year (`2026`) or half-year (`2026-H1`),
 * else null (volunteer_period_totals holds those periods and months).
 */
export function summaryPeriodKey(start: string, end: string): string | null {
  const y = start.slice(0, 4);
  if (end.slice(0, 4) !== y) return null;
  const span = `${start.slice(5)}/${end.slice(5)}`;
  if (span === "01-01/12-31") return y;
  if (span === "01-01/06-30") return `${y}-H1`;
  if (span === "07-01/12-31") return `${y}-H2`;
  return null;
}
