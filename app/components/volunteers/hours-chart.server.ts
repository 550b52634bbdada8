import type { TFunction } from "i18next";
import type { ChartTable } from "~/components/charts/ChartFigure";
import { renderChart } from "~/components/charts/render-chart.server";
import { dateTimeFormat, numberFormat } from "~/utils/intl";

export interface HoursChartView {
  title: string;
  src: string;
  table: ChartTable;
}

/** `2026-05` as a short month of the reader's language ("26年5月", "May 26"). */
function monthLabel(month: string, language: string): string {
  const [year, number] = month.split("-").map(Number) as [number, number];
  return dateTimeFormat(language, { year: "2-digit", month: "short", timeZone: "UTC" }).format(
    Date.UTC(year, number - 1, 1),
  );
}

/**
 * A volunteer's approved hours by month, drawn by the oversight dashboards' chart renderer (SVG on
 * the server, no client JavaScript) beside a table of the same numbers. The cache key holds the
 * figures themselves, so a chart is drawn once per distinct history and language, never stale.
 */
export function volunteerHoursChart(
  byMonth: readonly { month: string; minutes: number }[],
  language: string,
  t: TFunction,
): HoursChartView {
  const categories = byMonth.map((bar) => monthLabel(bar.month, language));
  const hours = byMonth.map((bar) => Math.round((bar.minutes / 60) * 10) / 10);
  const name = t("volunteers:dashboard.chart.hours");
  const format = numberFormat(language, { maximumFractionDigits: 1 });
  const key = `volunteer-hours:${language}:${byMonth[0]?.month ?? ""}:${byMonth.map((bar) => bar.minutes).join(",")}`;
  return {
    title: t("volunteers:dashboard.chart.title"),
    src: renderChart({ kind: "bar", categories, series: [{ name, values: hours }], height: 220 }, key),
    table: {
      categoryLabel: t("volunteers:dashboard.chart.month"),
      categories,
      series: [{ name, values: hours.map((value) => format.format(value)) }],
    },
  };
}
