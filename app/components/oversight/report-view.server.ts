import type { TFunction } from "i18next";
import type { DashboardData, OversightScope } from "~/domains/oversight/dashboard.server";
import type { Period } from "~/domains/oversight/figures";
import { formatDateTime } from "~/utils/dates";
import { figureViews } from "./dashboard-view.server";
import { formatPeriod } from "./format";
import type { MonthlyReport } from "./report-pdf.server";

/** The monthly report's content (page and PDF alike): every dashboard figure, per group. */
export function monthlyReport(
  data: DashboardData,
  scope: OversightScope,
  period: Period,
  t: TFunction,
  language: string,
  now: Date,
): Omit<MonthlyReport, "footer"> {
  const periodLabel = formatPeriod(period.key, language);
  return {
    language,
    title: t("oversight:report.title", { scope: scope.name, period: periodLabel }),
    generated: t("oversight:report.generated", {
      time: formatDateTime(now, language),
      refreshed: data.refresh ? formatDateTime(data.refresh.refreshedAt, language) : "—",
    }),
    platform: t("common:app.name"),
    figureHeading: t("oversight:report.figure"),
    valueHeading: t("oversight:report.value"),
    sections: figureViews(data, scope, period, t, language).map((group) => ({
      label: group.label,
      rows: group.figures.map((figure) => ({
        label: figure.now ? t("oversight:report.nowLabel", { label: figure.label }) : figure.label,
        value: figure.display,
      })),
    })),
  };
}
