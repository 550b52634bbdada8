import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/Notice";
import { Pagination } from "~/components/Pagination";
import { hoursOf } from "~/domains/volunteers/format";
import { ownRecordsPage, volunteerStanding } from "~/domains/volunteers/standing.server";
import { progressToNext } from "~/domains/volunteers/star-levels";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import { formatDateTime } from "~/utils/dates";
import { searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "hours"] };

const PAGE_SIZE = 20;
const querySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:hour-record:own");
  const params = querySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const db = await getDb();
  // No writes on a GET: overdue check-ins are closed by the background sweep (every minute, in the
  // web process and in `npm run dispatch`), never by reading this page.
  // Two statements: the standing (profile, totals, thresholds, star history, years) and one page.
  const [standing, list] = await Promise.all([
    volunteerStanding(db, user.id, { history: true, years: true }),
    ownRecordsPage(db, { volunteerId: user.id, year: params.year, page: params.page, pageSize: PAGE_SIZE }),
  ]);
  const profile = standing?.profile ?? null;
  const thresholds = standing?.thresholds ?? null;
  const history = standing?.history ?? [];
  const progress = profile && thresholds ? progressToNext(profile.approvedMinutes, thresholds) : null;
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("history.title"),
    approved: profile?.status === "approved",
    totals: profile
      ? {
          approvedMinutes: profile.approvedMinutes,
          approvedRecords: profile.approvedRecords,
          activitiesServed: profile.activitiesServed,
          lastServiceOn: profile.lastServiceOn,
          starLevel: profile.starLevel,
          volunteerNumber: profile.volunteerNumber,
        }
      : null,
    progress,
    history: history.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() })),
    rows: list.rows.map((row) => ({
      ...row,
      decidedAt: row.decidedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    total: list.total,
    years: standing?.years ?? [],
    year: params.year ?? null,
    page: params.page,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function HoursHistory() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const language = i18n.language;
  const exportHref = `/hours/export.csv${loaded.year ? `?year=${loaded.year}` : ""}`;
  const statusBadge = (status: string) =>
    status === "approved" ? "badge--verified" : status === "rejected" ? "badge--rejected" : "badge--pending";
  return (
    <section className="container page">
      <h1>{loaded.title}</h1>
      {!loaded.approved ? <Notice>{t("notApproved")}</Notice> : null}
      {loaded.totals ? (
        <div className="panel">
          <h2>{t("totals.title")}</h2>
          <dl className="facts">
            <dt>{t("totals.hours")}</dt>
            <dd>{hoursOf(loaded.totals.approvedMinutes, language)}</dd>
            <dt>{t("totals.records")}</dt>
            <dd>{loaded.totals.approvedRecords}</dd>
            <dt>{t("totals.activities")}</dt>
            <dd>{loaded.totals.activitiesServed}</dd>
            <dt>{t("totals.lastService")}</dt>
            <dd>{loaded.totals.lastServiceOn ?? "—"}</dd>
            <dt>{t("totals.starLevel")}</dt>
            <dd>
              {loaded.totals.starLevel > 0
                ? t("totals.stars", { level: loaded.totals.starLevel })
                : t("totals.noStars")}
            </dd>
          </dl>
          {loaded.progress ? (
            loaded.progress.nextLevel === null ? (
              <p>{t("totals.highest")}</p>
            ) : (
              <>
                <label htmlFor="star-progress">
                  {t("totals.toNext", {
                    level: loaded.progress.nextLevel,
                    hours: hoursOf(loaded.progress.minutesToNext, language),
                  })}
                </label>
                <progress
                  id="star-progress"
                  className="progress"
                  max={1000}
                  value={Math.round(loaded.progress.fractionDone * 1000)}
                />
              </>
            )
          ) : null}
          {loaded.history.length > 0 ? (
            <details>
              <summary>{t("totals.historyTitle")}</summary>
              <ul>
                {loaded.history.map((event, index) => (
                  <li key={index}>
                    {formatDateTime(event.createdAt, language)} ·{" "}
                    {t(event.change === "lowered" ? "totals.lowered" : "totals.reached", {
                      level: event.level,
                    })}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}
      {loaded.approved ? (
        <p className="actions">
          <Link to="/hours/checkin" className="button button--primary">
            {t("history.checkin")}
          </Link>
          <Link to="/hours/new" className="button">
            {t("history.report")}
          </Link>
          <a href={exportHref} className="button" download>
            {t("history.export")}
          </a>
        </p>
      ) : null}
      <h2>{t("history.records")}</h2>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="filter-year">{t("history.year")}</label>
          <select id="filter-year" name="year" defaultValue={loaded.year ? String(loaded.year) : ""}>
            <option value="">{t("history.allYears")}</option>
            {loaded.years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("history.filter")}
        </button>
      </Form>
      {loaded.rows.length === 0 ? (
        <p className="empty-state">{t("history.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("fields.serviceDate")}</th>
                <th scope="col">{t("history.serviceColumn")}</th>
                <th scope="col">{t("fields.kind")}</th>
                <th scope="col">{t("fields.hours")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("fields.decidedAt")}</th>
                <th scope="col">{t("fields.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.rows.map((row) => (
                <tr key={row.id}>
                  <td>{row.serviceDate}</td>
                  <td>{row.activityTitle ?? row.description}</td>
                  <td>{t(`kinds.${row.kind}`)}</td>
                  <td>{row.minutes === null ? "—" : hoursOf(row.minutes, language)}</td>
                  <td>
                    <span className={`badge ${statusBadge(row.status)}`}>{t(`statuses.${row.status}`)}</span>
                    {row.autoCheckedOut ? <small> {t("flags.autoCheckedOut")}</small> : null}
                    {row.rejectReason ? (
                      <>
                        <br />
                        <small>{t("history.rejectReason", { reason: row.rejectReason })}</small>
                      </>
                    ) : null}
                  </td>
                  <td>{row.decidedAt ? formatDateTime(row.decidedAt, language) : "—"}</td>
                  <td>
                    {row.status === "approved" ? (
                      row.correctionPending ? (
                        <small>{t("history.correctionPending")}</small>
                      ) : (
                        <Link to={`/hours/${row.id}/correction`}>{t("history.requestCorrection")}</Link>
                      )
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={loaded.page} pageSize={PAGE_SIZE} total={loaded.total} />
    </section>
  );
}
