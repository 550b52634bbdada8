import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { can } from "~/domains/accounts/authorize";
import { consultationsAround, noShowRates } from "~/domains/legal/consultations.server";
import { listFirmLawyersPage } from "~/domains/legal/lawyers.server";
import { listFirmRulesPage } from "~/domains/legal/office-hours.server";
import { firmOverviewQuerySchema } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { searchParamsOf } from "~/utils/forms.server";
import { numberFormat } from "~/utils/intl";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";
import { describeRule } from "~/components/legal/describe-rule";

export const handle = { i18n: ["common", "legal"] };

/** Lawyers and office hours per page of the overview (the busiest firm of the scale set has 87 each). */
const PAGE_SIZE = 20;

/** The law firm's overview: its lawyers, office hours, consultations and no-show figures. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:firm-overview:organization");
  const firmId = user.actor.organizationId!;
  const db = await getDb();
  const now = clock.now();
  const pages = firmOverviewQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const [lawyers, rules, { upcoming, past }, rates] = await Promise.all([
    listFirmLawyersPage(db, firmId, { page: pages.lawyersPage, pageSize: PAGE_SIZE }),
    listFirmRulesPage(db, firmId, { page: pages.rulesPage, pageSize: PAGE_SIZE }),
    consultationsAround(db, { lawFirmId: firmId }, now, 20),
    noShowRates(db, { lawFirmId: firmId }, ["office"]),
  ]);
  const t = await i18nServer.getFixedT(request, "legal");
  const row = (booking: (typeof upcoming)[number]) => ({
    id: booking.id,
    startsAt: booking.startsAt.toISOString(),
    status: booking.status,
    topic: booking.topic,
    caseCode: booking.caseCode,
    lawyerName: booking.lawyerName,
    place: `${booking.servicePointName} · ${booking.officeName}`,
  });
  return {
    title: t("firm.title"),
    canManage: can(user.actor, "manage:office-hours:organization"),
    lawyers: { ...lawyers, page: pages.lawyersPage },
    rules: { ...rules, page: pages.rulesPage },
    upcoming: upcoming.map(row),
    past: past.map(row),
    rates: rates.byOffice,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function FirmOverview() {
  const { t, i18n } = useTranslation("legal");
  const data = useLoaderData<typeof loader>();
  const list = (rows: typeof data.upcoming, empty: string) =>
    rows.length === 0 ? (
      <p>{empty}</p>
    ) : (
      <ul className="list">
        {rows.map((booking) => (
          <li key={booking.id}>
            <Link to={`/consultations/${booking.id}`}>
              {formatDateTime(booking.startsAt, i18n.language)} · {booking.caseCode ?? t("walkIn")}
            </Link>{" "}
            · {t(`topics.${booking.topic}`)} · {booking.lawyerName} · {booking.place} ·{" "}
            {t(`status.${booking.status}`)}
          </li>
        ))}
      </ul>
    );
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      {!data.canManage ? <Notice>{t("firm.notVerified")}</Notice> : null}
      <h2>{t("firm.lawyers")}</h2>
      {data.canManage ? (
        <p>
          <Link to="/legal/lawyers/new">{t("firm.addLawyer")}</Link>
        </p>
      ) : null}
      {data.lawyers.total === 0 ? (
        <p className="empty-state">{t("firm.noLawyers")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.name")}</th>
              <th scope="col">{t("fields.practiceLicence")}</th>
              <th scope="col">{t("fields.specialties")}</th>
              <th scope="col">{t("fields.account")}</th>
            </tr>
          </thead>
          <tbody>
            {data.lawyers.rows.map((lawyer) => (
              <tr key={lawyer.id}>
                <td>{lawyer.name}</td>
                <td>{lawyer.practiceLicence}</td>
                <td>{lawyer.specialties.map((topic) => t(`topics.${topic}`)).join("、")}</td>
                <td>{lawyer.accountEmail ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination
        page={data.lawyers.page}
        pageSize={PAGE_SIZE}
        total={data.lawyers.total}
        param="lawyersPage"
      />
      <h2>{t("firm.officeHours")}</h2>
      {data.canManage ? (
        <p>
          <Link to="/legal/office-hours/new">{t("firm.addRule")}</Link>
        </p>
      ) : null}
      {data.rules.total === 0 ? (
        <p className="empty-state">{t("firm.noRules")}</p>
      ) : (
        <ul className="list">
          {data.rules.rows.map((rule) => (
            <li key={rule.id}>
              <Link to={`/legal/office-hours/${rule.id}`}>{describeRule(t, rule)}</Link> · {rule.lawyerName} ·{" "}
              {rule.servicePointName} · {rule.officeName}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={data.rules.page} pageSize={PAGE_SIZE} total={data.rules.total} param="rulesPage" />
      <h2>{t("firm.upcoming")}</h2>
      {list(data.upcoming, t("staff.noUpcoming"))}
      <h2>{t("firm.past")}</h2>
      {list(data.past, t("firm.noPast"))}
      <h2>{t("firm.noShowRates")}</h2>
      {data.rates.length === 0 ? (
        <p className="empty-state">{t("firm.noRates")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.office")}</th>
              <th scope="col">{t("firm.decided")}</th>
              <th scope="col">{t("status.attended")}</th>
              <th scope="col">{t("status.subject_no_show")}</th>
              <th scope="col">{t("status.lawyer_no_show")}</th>
              <th scope="col">{t("firm.noShowRate")}</th>
            </tr>
          </thead>
          <tbody>
            {data.rates.map((rate) => (
              <tr key={rate.id}>
                <td>{rate.name}</td>
                <td>{rate.decided}</td>
                <td>{rate.attended}</td>
                <td>{rate.subjectNoShows}</td>
                <td>{rate.lawyerNoShows}</td>
                <td>
                  {numberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 }).format(
                    rate.decided ? (rate.subjectNoShows + rate.lawyerNoShows) / rate.decided : 0,
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
