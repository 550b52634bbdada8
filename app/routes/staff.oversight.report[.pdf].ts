import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderMonthlyReportPdf } from "~/components/oversight/report-pdf.server";
import { monthlyReport } from "~/components/oversight/report-view.server";
import { loadDashboard } from "~/domains/oversight/dashboard.server";
import { recordReportExport } from "~/domains/oversight/exports.server";
import { parsePeriod } from "~/domains/oversight/figures";
import { oversightQuerySchema } from "~/domains/oversight/validation";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { searchParamsOf } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

/**
 * The monthly report as a PDF (export grant, one audit row). It reads only summary rows, so it is
 * drawn within the request (well under a second): no background job is needed for it.
 */
export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "export:oversight");
  const query = oversightQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const db = await getDb();
  const now = clock.now();
  const period = parsePeriod(query.period, now);
  const scope = await recordReportExport(db, user.actor, {
    period,
    officeId: query.office ?? null,
    ipAddress: clientIp(request),
  });
  const data = await loadDashboard(db, scope, period, now);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, ["oversight", "common"]);
  const pdf = await renderMonthlyReportPdf({
    ...monthlyReport(data, scope, period, t, language, now),
    footer: (page, pages) => t("oversight:report.footer", { page, pages }),
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="oversight-report-${period.key}.pdf"`,
      "Cache-Control": "no-store",
    },
  });
});
