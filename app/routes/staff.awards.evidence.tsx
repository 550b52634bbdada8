import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel } from "~/components/awards/labels";
import { getAwardType } from "~/domains/awards/award-types.server";
import { scopeQuery } from "~/domains/awards/eligibility.server";
import {
  candidateFigures,
  evidenceRows,
  type FigureNomineeKind,
  nomineeKindsWithFigures,
} from "~/domains/awards/figures.server";
import { periodOf } from "~/domains/awards/periods";
import { hoursOf } from "~/domains/volunteers/format";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { forbidden, notFound, requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "awards"] };

const querySchema = z.object({
  type: z.uuid(),
  period: z.string().regex(/^\d{4}(-H[12])?$/),
  nominee: z.uuid(),
});

/** The records behind a candidate's figures: what the eligibility view's numbers count, row by row. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "nominate:award:office");
  if (!user.districtId) forbidden();
  const query = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  // No candidate named: a malformed link, not a missing object.
  if (!query.success) throw new Response("Bad Request", { status: 400 });
  const db = await getDb();
  const type = await getAwardType(db, user.districtId, query.data.type);
  const period = type ? periodOf(type.periodKind, query.data.period) : null;
  if (!type || !period || !nomineeKindsWithFigures.includes(type.nomineeKind)) notFound();
  const figureQuery = {
    ...scopeQuery(user.actor, type.nomineeKind as FigureNomineeKind, period),
    nomineeId: query.data.nominee,
  };
  const [candidate] = await candidateFigures(db, figureQuery);
  if (!candidate) notFound();
  const rows = await evidenceRows(db, figureQuery);
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: t("evidence.title", { name: candidate.name }),
    candidate,
    rows,
    typeId: type.id,
    period: period.key,
    totalMinutes: rows.reduce((sum, row) => sum + row.minutes, 0),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Evidence() {
  const { t, i18n } = useTranslation("awards");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <p>
        <Link to={`/staff/awards?type=${data.typeId}&period=${data.period}`}>{t("evidence.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>
        {t("evidence.lead", {
          period: periodLabel(t, data.period),
          hours: hoursOf(data.totalMinutes, i18n.language),
          count: data.candidate.figures.activities ?? 0,
        })}
      </p>
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("evidence.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("evidence.date")}</th>
              <th scope="col">{t("evidence.item")}</th>
              <th scope="col">{t("figure.minutes")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((row, index) => (
              <tr key={index}>
                <td>{formatCalendarDate(row.date, i18n.language)}</td>
                <td>{row.title}</td>
                <td>{t("figure.hours", { hours: hoursOf(row.minutes, i18n.language) })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("evidence.total")}
              </th>
              <td>{t("figure.hours", { hours: hoursOf(data.totalMinutes, i18n.language) })}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
