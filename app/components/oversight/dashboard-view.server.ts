import type { TFunction } from "i18next";
import { renderChart } from "~/components/charts/render-chart.server";
import type { ChartTable } from "~/components/charts/ChartFigure";
import { categoryLabel, topCategoryIds } from "~/domains/matching/taxonomy";
import { needUrgencies } from "~/domains/matching/options";
import type { DashboardData, OfficeOption, OversightScope } from "~/domains/oversight/dashboard.server";
import {
  dashboardOrder,
  dimensionKey,
  figureGroups,
  figureOf,
  isRate,
  type Period,
  recordsFigureOf,
  valueOf,
} from "~/domains/oversight/figures";
import { formatFigure, formatPeriod } from "./format";
import { numberFormat } from "~/utils/intl";

/** The query string of an oversight page: the period, the office, and for records the figure. */
export function oversightQuery(values: {
  period: string;
  office?: string | null;
  figure?: string;
  dimension?: string | null;
}): string {
  const params = new URLSearchParams();
  if (values.figure) params.set("figure", values.figure);
  params.set("period", values.period);
  if (values.office) params.set("office", values.office);
  if (values.dimension) params.set("dimension", values.dimension);
  return `?${params.toString()}`;
}

export interface FigureView {
  key: string;
  label: string;
  display: string;
  /** The list of the records it counts. */
  href: string | null;
  now: boolean;
  hint: string | null;
}

export interface ChartView {
  id: string;
  title: string;
  src: string;
  table: ChartTable;
}

const hintOf = (key: string): string | null => {
  if (key === "volunteers.fillRate") return "fillRate";
  if (key === "matching.resolutionRate") return "resolutionRate";
  if (key.startsWith("employment.retention")) return "retention";
  if (key === "legal.noShowRate") return "noShowRate";
  return null;
};

/** The figures of a scope and period, labelled and formatted, each with its records link. */
export function figureViews(
  data: DashboardData,
  scope: OversightScope,
  period: Period,
  t: TFunction,
  language: string,
): { group: string; label: string; figures: FigureView[] }[] {
  const office = scope.kind === "office" ? scope.id : null;
  return figureGroups
    .map((group) => ({
      group,
      label: t(`oversight:groups.${group}`),
      figures: dashboardOrder[group]
        .map((key) => figureOf(key)!)
        .filter((figure) => isRate(figure) || !(figure.districtOnly && scope.kind === "office"))
        .map((figure) => {
          const recordsFigure = recordsFigureOf(figure.key);
          const hint = hintOf(figure.key);
          const now = !isRate(figure) && figure.timing === "now";
          return {
            key: figure.key,
            label: t(`oversight:figures.${figure.key}`),
            display: formatFigure(valueOf(data.values, figure.key), figure.unit, language, t),
            href: recordsFigure
              ? `/staff/oversight/records${oversightQuery({ period: period.key, office, figure: recordsFigure })}`
              : null,
            now,
            hint: hint ? t(`oversight:hints.${hint}`) : now ? t("oversight:hints.now") : null,
          };
        }),
    }))
    .filter((group) => group.figures.length > 0);
}

/** The dashboard's charts, rendered on the server and cached by the figures' version. */
export function chartViews(
  data: DashboardData,
  scope: OversightScope,
  period: Period,
  offices: OfficeOption[],
  t: TFunction,
  language: string,
): ChartView[] {
  const version = data.refresh?.version ?? 0;
  const key = (id: string) => `oversight:${version}:${scope.id}:${period.key}:${language}:${id}`;
  const months = data.trend.months.map((month) => formatPeriod(month, language));
  const integer = (value: number) => numberFormat(language, { maximumFractionDigits: 1 }).format(value);
  const chart = (
    id: string,
    kind: "line" | "bar",
    categoryLabel: string,
    categories: string[],
    series: { name: string; values: number[] }[],
  ): ChartView => ({
    id,
    title: t(`oversight:charts.${id}`),
    src: renderChart({ kind, categories, series }, key(id)),
    table: {
      categoryLabel,
      categories,
      series: series.map((item) => ({ name: item.name, values: item.values.map(integer) })),
    },
  });
  const series = (figure: string, transform = (value: number) => value) => ({
    name: t(`oversight:figures.${figure}`),
    values: (data.trend.series[figure] ?? []).map(transform),
  });
  const charts = [
    chart("hoursTrend", "line", t("oversight:charts.month"), months, [
      series("volunteers.minutes", (minutes) => Math.round((minutes / 60) * 10) / 10),
      series("volunteers.active"),
    ]),
    chart("activityTrend", "line", t("oversight:charts.month"), months, [
      series("matching.needsRegistered"),
      series("employment.placements"),
      series("legal.consultations"),
    ]),
    chart(
      "needsByCategory",
      "bar",
      t("oversight:charts.category"),
      topCategoryIds.map((id) => categoryLabel(id, language)),
      [
        {
          name: t("oversight:figures.matching.openNeeds"),
          values: topCategoryIds.map(
            (id) => data.values.get(dimensionKey("matching.openNeedsByCategory", id)) ?? 0,
          ),
        },
      ],
    ),
    chart(
      "needsByUrgency",
      "bar",
      t("oversight:charts.urgency"),
      needUrgencies.map((urgency) => t(`matching:urgencies.${urgency}`)),
      [
        {
          name: t("oversight:figures.matching.openNeeds"),
          values: needUrgencies.map(
            (urgency) => data.values.get(dimensionKey("matching.openNeedsByUrgency", urgency)) ?? 0,
          ),
        },
      ],
    ),
  ];
  if (scope.kind === "district" && offices.length > 0) {
    charts.push(
      chart(
        "hoursByOffice",
        "bar",
        t("oversight:charts.office"),
        offices.map((office) => office.name),
        [
          {
            name: t("oversight:figures.volunteers.minutes"),
            values: offices.map(
              (office) =>
                Math.round(((data.byOffice.get(office.id)?.get("volunteers.minutes") ?? 0) / 60) * 10) / 10,
            ),
          },
        ],
      ),
    );
  }
  return charts;
}

/** The district's offices side by side (district scope only). */
export const officeComparisonFigures = [
  "volunteers.minutes",
  "volunteers.active",
  "matching.openNeeds",
  "matching.overdueNeeds",
  "employment.placements",
  "legal.consultations",
] as const;

export function officeComparison(
  data: DashboardData,
  offices: OfficeOption[],
  period: Period,
  t: TFunction,
  language: string,
) {
  return {
    columns: [
      ...officeComparisonFigures.map((key) => t(`oversight:figures.${key}`)),
      t("oversight:figures.legal.officesWithoutHours"),
    ],
    rows: offices.map((office) => {
      const values = data.byOffice.get(office.id) ?? new Map<string, number>();
      return {
        id: office.id,
        name: office.name,
        href: `/staff/oversight${oversightQuery({ period: period.key, office: office.id })}`,
        cells: [
          ...officeComparisonFigures.map((key) =>
            formatFigure(valueOf(values, key), figureOf(key)!.unit, language, t),
          ),
          (values.get("legal.officesWithoutHours") ?? 0) > 0
            ? t("oversight:offices.noHours")
            : t("oversight:offices.hasHours"),
        ],
      };
    }),
  };
}
