import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { recordCells, recordColumns } from "~/components/oversight/records-view";
import { exportFigureRecords } from "~/domains/oversight/exports.server";
import { parsePeriod } from "~/domains/oversight/figures";
import { oversightQuerySchema } from "~/domains/oversight/validation";
import { csvDocument, csvLine } from "~/domains/volunteers/hours-csv";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { searchParamsOf } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

/** A figure's records as CSV (UTF-8 with BOM for Excel): the export permission, one audit row. */
export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "export:oversight");
  const query = oversightQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  // Without a figure there is nothing to list: the dashboard is where each figure links from.
  if (!query.figure) throw redirect("/staff/oversight");
  const now = clock.now();
  const period = parsePeriod(query.period, now);
  const result = await exportFigureRecords(await getDb(), user.actor, {
    figure: query.figure,
    period,
    officeId: query.office ?? null,
    dimension: query.dimension ?? null,
    now,
    ipAddress: clientIp(request),
  });
  if (!result) notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, ["oversight"]);
  const rows = result.rows.map((record) => {
    const cells = recordCells(query.figure!, record, t, language);
    return [cells.day, cells.officeName, cells.reference, cells.detail, cells.status, cells.amount];
  });
  let body = csvDocument(recordColumns(t), rows);
  if (result.truncated)
    body += `${csvLine([t("oversight:csv.truncated", { count: result.rows.length })])}\r\n`;
  const filename = `${query.figure.replace(".", "-")}-${period.key}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
