import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChartFigure } from "~/components/charts/ChartFigure";
import { renderChart } from "~/components/charts/render-chart.server";
import { listDistricts } from "~/domains/employment/enterprise.server";
import { districtEnterprises, enterpriseReport } from "~/domains/employment/reports.server";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { reportRequest } from "~/utils/employment.server";
import { numberFormat } from "~/utils/intl";

export const handle = { i18n: ["common", "employment"] };

/** Hires, days retained, retention at 30/90/180 days and trainings completed, per period and district. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { scope, period, enterpriseId, user } = await reportRequest(request);
  const db = await getDb();
  const [enterprises, districts] = await Promise.all([
    scope === "organization" ? Promise.resolve([]) : districtEnterprises(db, user.actor),
    listDistricts(db),
  ]);
  const report = enterpriseId
    ? await enterpriseReport(db, { enterpriseId, scope, actor: user.actor, period })
    : null;
  if (enterpriseId && !report) throw new Response("Not Found", { status: 404 });
  const t = await i18nServer.getFixedT(request, "employment");
  const query = new URLSearchParams({ from: period.from, to: period.to });
  if (period.districtId) query.set("districtId", period.districtId);
  if (scope !== "organization" && enterpriseId) query.set("enterprise", enterpriseId);
  // Hires and those still employed per month, drawn on the server by the dashboards' chart renderer
  // (SVG, no client JavaScript), cached under the numbers themselves.
  const chart = report
    ? (() => {
        const categories = report.byMonth.map((month) => month.month);
        const series = [
          { name: t("report.hires"), values: report.byMonth.map((month) => month.hires) },
          { name: t("report.stillEmployed"), values: report.byMonth.map((month) => month.stillEmployed) },
        ];
        const key = `enterprise-hires:${t("report.hires")}:${categories.join(",")}:${series
          .map((item) => item.values.join(","))
          .join("|")}`;
        return {
          src: renderChart({ kind: "bar", categories, series, height: 240 }, key),
          categories,
          series,
        };
      })()
    : null;
  return {
    title: t("report.title"),
    chart,
    staffView: scope !== "organization",
    enterprises,
    districts,
    period,
    enterpriseId,
    report,
    csvHref: `/employment/report.csv?${query.toString()}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function EmploymentReport() {
  const { t, i18n } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const report = data.report;
  const date = (value: string | null) => (value ? formatCalendarDate(value, i18n.language) : "—");
  const percent = (rate: number | null) =>
    rate === null ? "—" : numberFormat(i18n.language, { style: "percent" }).format(rate);
  return (
    <section className="container page">
      <p>
        <Link to={data.staffView ? "/staff/employment" : "/employment"}>{t("dashboard.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <Form method="get" className="filters">
        {data.staffView ? (
          <>
            <label htmlFor="report-enterprise">{t("browse.enterprise")}</label>
            <select id="report-enterprise" name="enterprise" defaultValue={data.enterpriseId ?? ""}>
              <option value="">—</option>
              {data.enterprises.map((enterprise) => (
                <option key={enterprise.id} value={enterprise.id}>
                  {enterprise.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label htmlFor="report-from">{t("report.from")}</label>
        <input id="report-from" type="date" name="from" defaultValue={data.period.from} />
        <label htmlFor="report-to">{t("report.to")}</label>
        <input id="report-to" type="date" name="to" defaultValue={data.period.to} />
        <label htmlFor="report-district">{t("browse.district")}</label>
        <select id="report-district" name="districtId" defaultValue={data.period.districtId ?? ""}>
          <option value="">{t("browse.all")}</option>
          {data.districts.map((district) => (
            <option key={district.id} value={district.id}>
              {district.name}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("browse.apply")}
        </button>
      </Form>
      {!report ? (
        <p>{t("report.pickEnterprise")}</p>
      ) : (
        <>
          <h2>{report.enterprise.name}</h2>
          <p>
            <a href={data.csvHref} download>
              {t("report.csv")}
            </a>
          </p>
          <dl className="facts" data-testid="report-summary">
            <div>
              <dt>{t("report.hires")}</dt>
              <dd>{report.hires.length}</dd>
            </div>
            <div>
              <dt>{t("report.totalDays")}</dt>
              <dd>{report.totalDaysRetained}</dd>
            </div>
            {report.retention.map((figure) => (
              <div key={figure.dayMark}>
                <dt>{t("report.retentionAt", { days: figure.dayMark })}</dt>
                <dd>
                  {percent(figure.rate)} (
                  {t("report.ofEligible", {
                    retained: figure.retained.length,
                    eligible: figure.eligible.length,
                  })}
                  )
                </dd>
              </div>
            ))}
            <div>
              <dt>{t("report.trainingsCompleted")}</dt>
              <dd>{report.trainingsCompleted.length}</dd>
            </div>
          </dl>

          <h3>{t("report.byMonth")}</h3>
          {data.chart ? (
            <ChartFigure
              title={t("report.chartTitle")}
              src={data.chart.src}
              tableLabel={t("report.chartData")}
              table={{
                categoryLabel: t("report.month"),
                categories: data.chart.categories,
                series: data.chart.series.map((item) => ({
                  name: item.name,
                  values: item.values.map(String),
                })),
              }}
            />
          ) : null}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("report.month")}</th>
                <th scope="col">{t("report.hires")}</th>
                <th scope="col">{t("report.stillEmployed")}</th>
              </tr>
            </thead>
            <tbody>
              {report.byMonth.map((month) => (
                <tr key={month.month}>
                  <td>{month.month}</td>
                  <td>{month.hires}</td>
                  <td>{month.stillEmployed}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{t("report.hireRows")}</h3>
          <table className="table" data-testid="report-hires">
            <thead>
              <tr>
                <th scope="col">{t("referral.caseCode")}</th>
                <th scope="col">{t("job.title")}</th>
                <th scope="col">{t("browse.district")}</th>
                <th scope="col">{t("report.startedOn")}</th>
                <th scope="col">{t("report.endedOn")}</th>
                <th scope="col">{t("report.daysRetained")}</th>
              </tr>
            </thead>
            <tbody>
              {report.hires.map((hire) => (
                <tr key={hire.id}>
                  <td>{hire.caseCode}</td>
                  <td>{hire.title}</td>
                  <td>{hire.workDistrict}</td>
                  <td>{date(hire.startedOn)}</td>
                  <td>
                    {date(hire.endedOn)}
                    {hire.endReason ? ` · ${t(`endReasons.${hire.endReason}`)}` : ""}
                  </td>
                  <td>{hire.daysRetained}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t("report.trainingsCompleted")}</h3>
          <ul>
            {report.trainingsCompleted.map((row) => (
              <li key={row.id}>
                {row.caseCode} · {row.course} · {date(row.completedOn)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
