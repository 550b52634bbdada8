import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Pagination } from "~/components/Pagination";
import { oversightQuery } from "~/components/oversight/dashboard-view.server";
import { formatPeriod } from "~/components/oversight/format";
import { recordCells, recordColumns } from "~/components/oversight/records-view";
import { can } from "~/domains/accounts/authorize";
import { resolveScope } from "~/domains/oversight/dashboard.server";
import { figureOf, parsePeriod } from "~/domains/oversight/figures";
import { listFigureRecords } from "~/domains/oversight/records.server";
import { oversightQuerySchema } from "~/domains/oversight/validation";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { searchParamsOf } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "oversight"] };

/** The records a dashboard figure counts, in the same scope and period (its link's target). */
export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "read:oversight");
  const query = oversightQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  // Without a figure there is nothing to list: the dashboard is where each figure links from.
  if (!query.figure) throw redirect("/staff/oversight");
  const db = await getDb();
  const now = clock.now();
  const period = parsePeriod(query.period, now);
  const { scope } = await resolveScope(db, user.actor, query.office ?? null);
  const list = await listFigureRecords(
    db,
    { figure: query.figure, scope, period, dimension: query.dimension ?? null, now },
    query.page,
  );
  if (!list) notFound();
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, ["oversight"]);
  const figure = figureOf(query.figure)!;
  const timing =
    figure.unit !== "rate" && figure.timing === "now"
      ? t("oversight:periodNow")
      : formatPeriod(period.key, language);
  const office = scope.kind === "office" ? scope.id : null;
  const label = t(`oversight:figures.${query.figure}`);
  return {
    title: t("oversight:records.title", { figure: label }),
    lead: t("oversight:records.lead", { scope: scope.name, period: timing, count: list.total }),
    columns: recordColumns(t),
    rows: list.rows.map((row) => ({ id: row.id, ...recordCells(query.figure!, row, t, language) })),
    total: list.total,
    page: list.page,
    pageSize: list.pageSize,
    backHref: `/staff/oversight${oversightQuery({ period: period.key, office })}`,
    exportHref: can(user.actor, "export:oversight")
      ? `/staff/oversight/records.csv${oversightQuery({ period: period.key, office, figure: query.figure, dimension: query.dimension })}`
      : null,
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function OversightRecords() {
  const { t } = useTranslation("oversight");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <p>
        <Link to={data.backHref}>{t("records.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{data.lead}</p>
      {data.exportHref ? (
        <p className="actions">
          <a className="button" href={data.exportHref} download>
            {t("records.export")}
          </a>{" "}
          <span className="field__hint">{t("records.exportNote")}</span>
        </p>
      ) : null}
      {data.rows.length === 0 ? (
        <p className="empty-state">{t("records.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                {data.columns.map((column) => (
                  <th scope="col" key={column}>
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.day}</td>
                  <td>{row.officeName}</td>
                  <td>
                    <code>{row.reference}</code>
                  </td>
                  <td>{row.detail}</td>
                  <td>{row.status}</td>
                  <td>{row.amount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} />
    </section>
  );
}
