import type { LoaderFunctionArgs } from "@remix-run/node";
import { enterpriseReport, recordReportExport } from "~/domains/employment/reports.server";
import { csvDocument } from "~/domains/volunteers/hours-csv";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { reportRequest } from "~/utils/employment.server";

/** The report's hire rows as CSV (UTF-8 with BOM): every figure of the page can be recomputed from it. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, period, enterpriseId, user, actor } = await reportRequest(request);
  // Staff name the enterprise in the query; without it there is nothing to export (not a lookup).
  if (!enterpriseId) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const report = await enterpriseReport(db, { enterpriseId, scope, actor: user.actor, period });
  if (!report) throw new Response("Not Found", { status: 404 });
  await recordReportExport(db, { actor, enterpriseId, rows: report.hires.length, period });
  const t = await i18nServer.getFixedT(request, "employment");
  const retainedAt = (id: string, days: number) => {
    const figure = report.retention.find((entry) => entry.dayMark === days)!;
    if (!figure.eligible.includes(id)) return "";
    return figure.retained.includes(id) ? t("report.yes") : t("report.no");
  };
  const body = csvDocument(
    [
      t("referral.caseCode"),
      t("job.title"),
      t("browse.district"),
      t("report.startedOn"),
      t("report.endedOn"),
      t("checkin.endReason"),
      t("report.daysRetained"),
      t("report.retentionAt", { days: 30 }),
      t("report.retentionAt", { days: 90 }),
      t("report.retentionAt", { days: 180 }),
    ],
    report.hires.map((hire) => [
      hire.caseCode,
      hire.title,
      hire.workDistrict,
      hire.startedOn,
      hire.endedOn,
      hire.endReason ? t(`endReasons.${hire.endReason}`) : "",
      hire.daysRetained,
      retainedAt(hire.id, 30),
      retainedAt(hire.id, 90),
      retainedAt(hire.id, 180),
    ]),
  );
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="employment-report-${period.from}-${period.to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
