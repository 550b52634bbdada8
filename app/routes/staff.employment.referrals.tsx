import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckinForm } from "~/components/employment/CheckinForm";
import { StatusBadge } from "~/components/employment/fields";
import { can, scopeOf } from "~/domains/accounts/authorize";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { listJobReferrals, listTrainingEnrollments } from "~/domains/employment/referrals.server";
import { listDueCheckins, listPlacements } from "~/domains/employment/retention.server";
import { i18nServer } from "~/i18n.server";
import * as clock from "~/utils/clock.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { answerCheckin } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { newSubmissionKey } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "employment", "validation"] };

/** Staff follow their office's referrals, enrollments and placements (bureau: the district's). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:employment-referral:office");
  const scope = scopeOf(user.actor, "read", "employment-referral")!;
  const db = await getDb();
  const now = clock.now();
  const [referrals, enrollments, placements, due] = await Promise.all([
    listJobReferrals(db, scope, user.actor),
    listTrainingEnrollments(db, scope, user.actor),
    listPlacements(db, scope, user.actor),
    listDueCheckins(db, scope, user.actor, now),
  ]);
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("followUp.title"),
    referrals,
    enrollments,
    placements,
    // Each due check-in's form has its own idempotency key (the page lists several).
    due: due.map((checkin) => ({ ...checkin, submissionKey: newSubmissionKey() })),
    today: calendarDateOf(now),
    canRecord: can(user.actor, "record:retention-checkin:office"),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "record:retention-checkin:office");
  return answerCheckin(request, user, "office", "/staff/employment/referrals");
}

export default function StaffFollowUp() {
  const { t, i18n } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const date = (value: string | null) => (value ? formatCalendarDate(value, i18n.language) : "—");
  return (
    <section className="container page">
      <p>
        <Link to="/staff/employment">{t("browse.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <h2>{t("dashboard.checkinsDue")}</h2>
      {data.due.length === 0 ? (
        <p>{t("dashboard.noCheckins")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("referral.caseCode")}</th>
              <th scope="col">{t("job.title")}</th>
              <th scope="col">{t("checkin.mark")}</th>
              <th scope="col">{t("checkin.dueOn")}</th>
              {data.canRecord ? <th scope="col">{t("referral.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {data.due.map((checkin) => (
              <tr key={checkin.id}>
                <td>{checkin.caseCode}</td>
                <td>{checkin.title}</td>
                <td>{t("checkin.markLabel", { days: checkin.dayMark })}</td>
                <td>{date(checkin.dueOn)}</td>
                {data.canRecord ? (
                  <td>
                    <CheckinForm
                      checkinId={checkin.id}
                      today={data.today}
                      submissionKey={checkin.submissionKey}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t("followUp.referrals")}</h2>
      {data.referrals.length === 0 ? <p>{t("job.noReferrals")}</p> : null}
      {data.referrals.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("referral.caseCode")}</th>
              <th scope="col">{t("job.title")}</th>
              <th scope="col">{t("browse.enterprise")}</th>
              <th scope="col">{t("referral.status")}</th>
              <th scope="col">{t("referral.sharedFields")}</th>
            </tr>
          </thead>
          <tbody>
            {data.referrals.map((referral) => (
              <tr key={referral.id}>
                <td>
                  <Link to={`/staff/employment/candidates/${referral.caseCode}`}>{referral.caseCode}</Link>
                </td>
                <td>{referral.title}</td>
                <td>{referral.enterprise}</td>
                <td>
                  <StatusBadge group="referral" status={referral.status} />
                  {referral.notHiredReason ? ` · ${t(`reasons.${referral.notHiredReason}`)}` : ""}
                </td>
                <td>
                  {referral.sharedFields.length
                    ? referral.sharedFields.map((field) => t(`fields.${field}`)).join("、")
                    : t("referral.noneShared")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <h2>{t("followUp.enrollments")}</h2>
      {data.enrollments.length === 0 ? <p>{t("training.noEnrollments")}</p> : null}
      <ul>
        {data.enrollments.map((enrollment) => (
          <li key={enrollment.id}>
            {enrollment.caseCode} · {enrollment.course} · {enrollment.enterprise}{" "}
            <StatusBadge group="enrollment" status={enrollment.status} />
          </li>
        ))}
      </ul>
      <h2>{t("followUp.placements")}</h2>
      {data.placements.length === 0 ? <p>{t("followUp.noPlacements")}</p> : null}
      <ul>
        {data.placements.map((placement) => (
          <li key={placement.id}>
            {placement.caseCode} · {placement.title} ·{" "}
            {t("followUp.since", { date: date(placement.startedOn) })}{" "}
            <StatusBadge group="placement" status={placement.status} />{" "}
            {placement.checkins
              .map(
                (checkin) =>
                  `${t("checkin.markLabel", { days: checkin.dayMark })}: ${t(`status.checkin.${checkin.status}`)}`,
              )
              .join(" · ")}
          </li>
        ))}
      </ul>
    </section>
  );
}
