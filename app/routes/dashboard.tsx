import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ChartFigure } from "~/components/charts/ChartFigure";
import { Notice } from "~/components/Notice";
import { volunteerHoursChart } from "~/components/volunteers/hours-chart.server";
import { can } from "~/domains/accounts/authorize";
import { volunteerDashboard } from "~/domains/volunteers/dashboard.server";
import { hoursOf } from "~/domains/volunteers/format";
import { volunteerProfileStatus } from "~/domains/volunteers/registration.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formatDateTime } from "~/utils/dates";
import { requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "accounts", "volunteers"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:dashboard:own");
  const t = await i18nServer.getFixedT(request, ["accounts", "volunteers"]);
  const isVolunteer = can(user.actor, "register:volunteer-profile");
  const db = await getDb();
  const service = isVolunteer ? await volunteerDashboard(db, user.id) : null;
  const language = await i18nServer.getLocale(request);
  // Only what the page shows: no ids beyond the user's own, nothing about anyone else.
  return {
    title: t("dashboard.title"),
    displayName: user.displayName,
    role: user.role,
    organizationName: user.organizationName,
    organizationStatus: user.organizationStatus,
    // A volunteer's next step until the registration is approved, then their service at a glance.
    // (An approved volunteer's status is known from the service figures: no second read.)
    volunteerStatus: !isVolunteer
      ? null
      : service
        ? ("approved" as const)
        : ((await volunteerProfileStatus(db, user.id)) ?? ("none" as const)),
    service: service && {
      ...withoutByMonth(service),
      // The chart is drawn here (SVG, cached by its numbers); the page ships the image and its table.
      chart: volunteerHoursChart(service.byMonth, language, t),
      upcoming: service.upcoming.map((row) => ({
        ...row,
        startsAt: row.startsAt.toISOString(),
        endsAt: row.endsAt.toISOString(),
      })),
    },
  };
}

function withoutByMonth<Service extends { byMonth: unknown }>({ byMonth: _byMonth, ...rest }: Service) {
  return rest;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Dashboard() {
  const { t } = useTranslation("accounts");
  const { t: tv, i18n } = useTranslation("volunteers");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{t("dashboard.welcome", { name: data.displayName })}</h1>
      <p>{t("dashboard.role", { role: t(`roles.${data.role}`) })}</p>
      {data.organizationName ? <p>{t("dashboard.organization", { name: data.organizationName })}</p> : null}
      {data.organizationStatus === "pending" ? <Notice>{t("dashboard.pendingOrganization")}</Notice> : null}
      {data.organizationStatus === "suspended" ? (
        <Notice kind="error">{t("dashboard.suspendedOrganization")}</Notice>
      ) : null}
      {data.organizationStatus === "rejected" ? (
        <Notice kind="error">{t("dashboard.rejectedOrganization")}</Notice>
      ) : null}
      {data.volunteerStatus === "none" ? (
        <div className="panel">
          <p>{tv("dashboard.noProfile")}</p>
          <Link to="/volunteer/profile" className="button button--primary">
            {tv("dashboard.callToAction")}
          </Link>
        </div>
      ) : null}
      {data.volunteerStatus === "pending" || data.volunteerStatus === "rejected" ? (
        <Notice kind={data.volunteerStatus === "rejected" ? "error" : "info"}>
          {tv(`dashboard.${data.volunteerStatus}`)}{" "}
          <Link to="/volunteer/profile">{tv("dashboard.view")}</Link>
        </Notice>
      ) : null}
      {data.service ? <VolunteerService service={data.service} language={i18n.language} /> : null}
      {data.service ? null : <p className="field__hint">{t("dashboard.nextSteps")}</p>}
    </section>
  );
}

type Service = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["service"]>;

function VolunteerService({ service, language }: { service: Service; language: string }) {
  const { t } = useTranslation("volunteers");
  const { progress } = service;
  return (
    <>
      <div className="panel">
        <h2>{t("dashboard.summaryTitle")}</h2>
        {service.volunteerNumber ? <p>{t("dashboard.number", { number: service.volunteerNumber })}</p> : null}
        <dl className="facts">
          <dt>{t("dashboard.month")}</dt>
          <dd>{hoursOf(service.monthMinutes, language)}</dd>
          <dt>{t("dashboard.year")}</dt>
          <dd>{hoursOf(service.yearMinutes, language)}</dd>
          <dt>{t("dashboard.total")}</dt>
          <dd>{hoursOf(service.totalMinutes, language)}</dd>
        </dl>
        <p>
          <strong>
            {service.starLevel > 0
              ? t("dashboard.stars", { level: service.starLevel })
              : t("dashboard.noStars")}
          </strong>
        </p>
        {progress.nextLevel === null ? (
          <p>{t("dashboard.highest")}</p>
        ) : (
          <>
            <label htmlFor="dashboard-star-progress">
              {t("dashboard.toNext", {
                level: progress.nextLevel,
                hours: hoursOf(progress.minutesToNext, language),
              })}
            </label>
            <progress
              id="dashboard-star-progress"
              className="progress"
              max={1000}
              value={Math.round(progress.fractionDone * 1000)}
            />
          </>
        )}
        {service.pendingRecords > 0 ? (
          <p>{t("dashboard.pendingRecords", { count: service.pendingRecords })}</p>
        ) : null}
        <p>
          <Link to="/hours">{t("dashboard.history")}</Link> ·{" "}
          <Link to="/hours/checkin">{t("dashboard.checkin")}</Link> ·{" "}
          <Link to="/certificates">{t("dashboard.certificates")}</Link>
        </p>
        <ChartFigure
          title={service.chart.title}
          src={service.chart.src}
          table={service.chart.table}
          tableLabel={t("dashboard.chart.data")}
        />
      </div>
      <div className="panel">
        <h2>{t("dashboard.upcomingTitle")}</h2>
        {service.upcoming.length === 0 ? (
          <p className="empty-state">{t("dashboard.noUpcoming")}</p>
        ) : (
          <ul className="list">
            {service.upcoming.map((activity) => (
              <li key={activity.activityId}>
                <Link to={`/activities/${activity.activityId}`}>{activity.title}</Link> —{" "}
                {formatDateTime(activity.startsAt, language)} · {activity.place} ·{" "}
                {t(`dashboard.${activity.status}`)}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/activities" className="button">
            {t("dashboard.browse")}
          </Link>
        </p>
      </div>
    </>
  );
}
