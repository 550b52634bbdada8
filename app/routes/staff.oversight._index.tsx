import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChartFigure } from "~/components/charts/ChartFigure";
import {
  chartViews,
  figureViews,
  officeComparison,
  oversightQuery,
} from "~/components/oversight/dashboard-view.server";
import { formatPeriod } from "~/components/oversight/format";
import { loadDashboard, resolveScope } from "~/domains/oversight/dashboard.server";
import { parsePeriod, periodChoices } from "~/domains/oversight/figures";
import { oversightQuerySchema } from "~/domains/oversight/validation";
import { can } from "~/domains/accounts/authorize";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { searchParamsOf } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "oversight", "matching"] };

export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "read:oversight");
  const query = oversightQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const db = await getDb();
  const now = clock.now();
  const period = parsePeriod(query.period, now);
  const { scope, offices } = await resolveScope(db, user.actor, query.office ?? null);
  const data = await loadDashboard(db, scope, period, now);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, ["oversight", "matching"]);
  const office = scope.kind === "office" ? scope.id : null;
  return {
    title:
      scope.kind === "district"
        ? t("oversight:titleDistrict", { name: scope.name })
        : t("oversight:titleOffice", { name: scope.name }),
    scopeKind: scope.kind,
    canChooseOffice: offices.length > 1,
    office,
    period: { key: period.key, label: formatPeriod(period.key, language) },
    periods: periodChoices(now).map((choice) => ({
      key: choice.key,
      label: formatPeriod(choice.key, language),
    })),
    offices,
    groups: figureViews(data, scope, period, t, language),
    charts: chartViews(data, scope, period, offices, t, language),
    comparison: scope.kind === "district" ? officeComparison(data, offices, period, t, language) : null,
    refreshedAt: data.refresh ? formatDateTime(data.refresh.refreshedAt, language) : null,
    reportHref: `/staff/oversight/report${oversightQuery({ period: period.key, office })}`,
    canExport: can(user.actor, "export:oversight"),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function OversightDashboard() {
  const { t } = useTranslation("oversight");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page oversight">
      <h1>{data.title}</h1>
      <p>{t("lead")}</p>
      <p className="field__hint">
        {data.refreshedAt ? t("refreshedAt", { time: data.refreshedAt }) : t("notRefreshed")}
      </p>
      <Form method="get" className="filters" aria-label={t("filters.label")}>
        <div className="field">
          <label htmlFor="oversight-period">{t("filters.period")}</label>
          <select id="oversight-period" name="period" defaultValue={data.period.key}>
            {data.periods.map((period) => (
              <option key={period.key} value={period.key}>
                {period.label}
              </option>
            ))}
          </select>
        </div>
        {data.canChooseOffice ? (
          <div className="field">
            <label htmlFor="oversight-office">{t("filters.office")}</label>
            <select id="oversight-office" name="office" defaultValue={data.office ?? ""}>
              <option value="">{t("filters.allOffices")}</option>
              {data.offices.map((office) => (
                <option key={office.id} value={office.id}>
                  {office.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="button">
          {t("filters.apply")}
        </button>
      </Form>
      <p className="actions">
        <Link className="button" to={data.reportHref}>
          {t("report.open")}
        </Link>
      </p>
      {data.groups.map((group) => (
        <section key={group.group} aria-labelledby={`group-${group.group}`} className="oversight__group">
          <h2 id={`group-${group.group}`}>{group.label}</h2>
          <ul className="card-grid">
            {group.figures.map((figure) => (
              <li key={figure.key} className="card card--plain oversight__figure">
                <p className="oversight__label">{figure.label}</p>
                <p className="oversight__value">
                  {figure.href ? (
                    <Link to={figure.href} data-figure={figure.key}>
                      {figure.display}
                    </Link>
                  ) : (
                    figure.display
                  )}
                </p>
                {figure.hint ? <p className="field__hint">{figure.hint}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="oversight-charts" className="oversight__charts">
        <h2 id="oversight-charts">{t("charts.heading")}</h2>
        {data.charts.map((chart) => (
          <ChartFigure
            key={chart.id}
            title={chart.title}
            src={chart.src}
            table={chart.table}
            tableLabel={t("charts.dataTable")}
          />
        ))}
      </section>
      {data.comparison ? (
        <section aria-labelledby="oversight-offices">
          <h2 id="oversight-offices">{t("offices.title")}</h2>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("offices.name")}</th>
                  {data.comparison.columns.map((column) => (
                    <th scope="col" key={column}>
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.comparison.rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row">
                      <Link to={row.href}>{row.name}</Link>
                    </th>
                    {row.cells.map((cell, index) => (
                      <td key={index}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}
