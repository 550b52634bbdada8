import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { hoursOf } from "~/domains/volunteers/format";
import { exportOwnRecords } from "~/domains/volunteers/hours.server";
import { csvDocument } from "~/domains/volunteers/hours-csv";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { searchParamsOf } from "~/utils/forms.server";

const querySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

/** The volunteer's own records as CSV (UTF-8 with BOM for Excel), in the reader's language. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:hour-record:own");
  const { year } = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const rows = await exportOwnRecords(await getDb(), {
    volunteerId: user.id,
    year,
    ipAddress: clientIp(request),
  });
  const t = await i18nServer.getFixedT(request, "hours");
  const language = await i18nServer.getLocale(request);
  const decidedAt = (value: Date | null) =>
    value
      ? new Intl.DateTimeFormat("sv-SE", {
          timeZone: "Asia/Shanghai",
          dateStyle: "short",
          timeStyle: "short",
        }).format(value)
      : "";
  const body = csvDocument(
    [
      t("fields.serviceDate"),
      t("fields.activity"),
      t("fields.kind"),
      t("fields.minutes"),
      t("fields.hours"),
      t("fields.status"),
      t("fields.decidedAt"),
    ],
    rows.map((row) => [
      row.serviceDate,
      row.activityTitle ?? row.description,
      t(`kinds.${row.kind}`),
      row.minutes ?? "",
      row.minutes === null ? "" : hoursOf(row.minutes, language === "en" ? "en" : "zh-CN"),
      t(`statuses.${row.status}`),
      decidedAt(row.decidedAt),
    ]),
  );
  const filename = `service-hours${year ? `-${year}` : ""}.csv`;
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
