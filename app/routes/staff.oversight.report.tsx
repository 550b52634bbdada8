import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { oversightQuery } from "~/components/oversight/dashboard-view.server";
import { monthlyReport } from "~/components/oversight/report-view.server";
import { can } from "~/domains/accounts/authorize";
import { loadDashboard, resolveScope } from "~/domains/oversight/dashboard.server";
import { parsePeriod } from "~/domains/oversight/figures";
import { oversightQuerySchema } from "~/domains/oversight/validation";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { searchParamsOf } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "oversight"] };

/** The monthly (or yearly) report of an office or the district, printable; the PDF beside it. */
export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  authorizeOrRespond(user.actor, "read:oversight");
  const query = oversightQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const db = await getDb();
  const now = clock.now();
  const period = parsePeriod(query.period, now);
  const { scope } = await resolveScope(db, user.actor, query.office ?? null);
  const data = await loadDashboard(db, scope, period, now);
  const language = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(request, ["oversight", "common"]);
  const office = scope.kind === "office" ? scope.id : null;
  return {
    report: monthlyReport(data, scope, period, t, language, now),
    backHref: `/staff/oversight${oversightQuery({ period: period.key, office })}`,
    pdfHref: can(user.actor, "export:oversight")
      ? `/staff/oversight/report.pdf${oversightQuery({ period: period.key, office })}`
      : null,
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.report.title }];

export default function OversightReport() {
  const { t } = useTranslation("oversight");
  const { report, backHref, pdfHref } = useLoaderData<typeof loader>();
  return (
    <section className="container page oversight-report">
      <p className="no-print">
        <Link to={backHref}>{t("records.back")}</Link>
      </p>
      <h1>{report.title}</h1>
      <p className="field__hint">{report.generated}</p>
      <p className="actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
        {pdfHref ? (
          <a className="button button--primary" href={pdfHref} download>
            {t("report.pdf")}
          </a>
        ) : null}
      </p>
      {report.sections.map((section) => (
        <table className="table" key={section.label}>
          <caption>{section.label}</caption>
          <thead>
            <tr>
              <th scope="col">{report.figureHeading}</th>
              <th scope="col">{report.valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}
