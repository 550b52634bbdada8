import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckinForm } from "~/components/employment/CheckinForm";
import { StatusBadge } from "~/components/employment/fields";
import { Pagination } from "~/components/Pagination";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { getEnterpriseProfile } from "~/domains/employment/enterprise.server";
import { listEnterpriseOffers } from "~/domains/employment/offers.server";
import { enterpriseDashboardQuerySchema } from "~/domains/employment/validation";
import { listJobReferrals } from "~/domains/employment/referrals.server";
import { listDueCheckins } from "~/domains/employment/retention.server";
import { checkinStanding } from "~/domains/employment/status";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { searchParamsOf } from "~/utils/forms.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { answerCheckin } from "~/utils/employment.server";
import { authorizeOrRespond, requirePermission } from "~/utils/permissions.server";
import { newSubmissionKey } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "employment", "validation"] };

/** The enterprise's dashboard: open offers, referrals waiting for an answer, check-ins due. */
export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  // Held by enterprise members only (staff hold the wider office scope of reading referrals).
  const user = await requirePermission(request, "decide:employment-referral:organization");
  const db = await getDb();
  const now = clock.now();
  const pages = enterpriseDashboardQuerySchema.parse(Object.fromEntries(searchParamsOf(request)));
  const [enterprise, offers, waiting, checkins] = await Promise.all([
    getEnterpriseProfile(db, user.actor),
    listEnterpriseOffers(db, user.actor, pages),
    listJobReferrals(db, "organization", user.actor, { statuses: ["referred", "interview_scheduled"] }),
    listDueCheckins(db, "organization", user.actor, now),
  ]);
  const today = calendarDateOf(now);
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("dashboard.title"),
    name: enterprise.name,
    hasProfile: Boolean(enterprise.profile),
    offers,
    waiting: waiting.map(({ sharedFields, ...referral }) => ({
      ...referral,
      sharedCount: sharedFields.length,
    })),
    // Each due check-in's form has its own idempotency key (the page lists several).
    checkins: checkins.map((checkin) => ({
      ...checkin,
      standing: checkinStanding(checkin, today),
      submissionKey: newSubmissionKey(),
    })),
    today,
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "decide:employment-referral:organization");
  authorizeOrRespond(user.actor, "record:retention-checkin:organization");
  return answerCheckin(request, user, "organization", "/employment");
}

export default function EnterpriseDashboard() {
  const { t, i18n } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const date = (value: string) => formatCalendarDate(value, i18n.language);
  return (
    <section className="container page">
      <h1>{data.title}</h1>
      <p>{data.name}</p>
      {!data.hasProfile ? (
        <div className="alert alert--info" role="status">
          {t("dashboard.signPledgeFirst")} <Link to="/employment/profile">{t("dashboard.profile")}</Link>
        </div>
      ) : null}
      <p className="actions">
        <Link className="button button--primary" to="/employment/jobs/new">
          {t("dashboard.newJob")}
        </Link>{" "}
        <Link className="button" to="/employment/trainings/new">
          {t("dashboard.newTraining")}
        </Link>{" "}
        <Link className="button" to="/employment/profile">
          {t("dashboard.profile")}
        </Link>{" "}
        <Link className="button" to="/employment/report">
          {t("dashboard.report")}
        </Link>
      </p>

      <h2>{t("dashboard.checkinsDue")}</h2>
      {data.checkins.length === 0 ? (
        <p>{t("dashboard.noCheckins")}</p>
      ) : (
        <table className="table" data-testid="checkins-due">
          <thead>
            <tr>
              <th scope="col">{t("referral.caseCode")}</th>
              <th scope="col">{t("job.title")}</th>
              <th scope="col">{t("checkin.mark")}</th>
              <th scope="col">{t("checkin.dueOn")}</th>
              <th scope="col">{t("referral.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {data.checkins.map((checkin) => (
              <tr key={checkin.id}>
                <td>{checkin.caseCode}</td>
                <td>{checkin.title}</td>
                <td>{t("checkin.markLabel", { days: checkin.dayMark })}</td>
                <td>
                  {date(checkin.dueOn)}{" "}
                  {checkin.standing === "overdue" ? <strong>{t("checkin.overdue")}</strong> : null}
                </td>
                <td>
                  <CheckinForm
                    checkinId={checkin.id}
                    today={data.today}
                    submissionKey={checkin.submissionKey}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("dashboard.waiting")}</h2>
      {data.waiting.length === 0 ? (
        <p>{t("dashboard.noWaiting")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("referral.caseCode")}</th>
              <th scope="col">{t("job.title")}</th>
              <th scope="col">{t("referral.status")}</th>
              <th scope="col">{t("referral.respondBy")}</th>
            </tr>
          </thead>
          <tbody>
            {data.waiting.map((referral) => (
              <tr key={referral.id}>
                <td>
                  <Link to={`/employment/referrals/${referral.id}`}>{referral.caseCode}</Link>
                </td>
                <td>{referral.title}</td>
                <td>
                  <StatusBadge group="referral" status={referral.status} />
                </td>
                <td>
                  {date(referral.respondBy)}
                  {referral.status === "referred" && referral.respondBy < data.today ? (
                    <strong> {t("checkin.overdue")}</strong>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t("dashboard.jobs")}</h2>
      {data.offers.jobs.length === 0 ? <p>{t("dashboard.noJobs")}</p> : null}
      <ul>
        {data.offers.jobs.map((offer) => (
          <li key={offer.id}>
            <Link to={`/employment/jobs/${offer.id}`}>{offer.title}</Link>{" "}
            <StatusBadge group="offer" status={offer.status} />{" "}
            {t("dashboard.jobLine", {
              hired: offer.hiredCount,
              openings: offer.openings,
              closesOn: date(offer.closesOn),
            })}
          </li>
        ))}
      </ul>
      {data.offers.jobsTotal > data.offers.pageSize ? (
        <Pagination
          page={data.offers.jobsPage}
          pageSize={data.offers.pageSize}
          total={data.offers.jobsTotal}
          param="jobsPage"
        />
      ) : null}
      <h2>{t("dashboard.trainings")}</h2>
      {data.offers.trainings.length === 0 ? <p>{t("dashboard.noTrainings")}</p> : null}
      <ul>
        {data.offers.trainings.map((offer) => (
          <li key={offer.id}>
            <Link to={`/employment/trainings/${offer.id}`}>{offer.course}</Link>{" "}
            <StatusBadge group="offer" status={offer.status} />{" "}
            {t("dashboard.trainingLine", {
              enrolled: offer.enrolledCount,
              capacity: offer.capacity,
              closesOn: date(offer.closesOn),
            })}
          </li>
        ))}
      </ul>
      {data.offers.trainingsTotal > data.offers.pageSize ? (
        <Pagination
          page={data.offers.trainingsPage}
          pageSize={data.offers.pageSize}
          total={data.offers.trainingsTotal}
          param="trainingsPage"
        />
      ) : null}
    </section>
  );
}
