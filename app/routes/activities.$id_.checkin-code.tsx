import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { getActivityForOrganizer } from "~/domains/volunteers/activities.server";
import { activityForCheckin } from "~/domains/volunteers/activity-queries.server";
import { requireOrganizer } from "~/utils/organizer.server";
import { formatActivityPeriod, formatActivityTime } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { checkinCodeScreen } from "~/domains/volunteers/checkin.server";
import { listActivityRecords } from "~/domains/volunteers/hours.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "hours"] };

/**
 * The organizer's screen: the rotating check-in code, big enough to read across a room. Only the
 * office hosting the activity and the organizing organization see it. It refreshes itself when the
 * code rotates (and with a meta refresh when JavaScript is off).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const organizer = await requireOrganizer(request);
  const db = await getDb();
  const managed = await getActivityForOrganizer(db, params.id ?? "", organizer.scope, organizer.actor);
  if (!managed) notFound();
  const activity = await activityForCheckin(db, managed.id);
  if (!activity) notFound();
  const now = clock.now();
  const screen = checkinCodeScreen(activity, now);
  const records = await listActivityRecords(db, activity.id);
  const t = await i18nServer.getFixedT(request, "hours");
  return data(
    {
      title: t("code.title", { title: activity.title }),
      activity: {
        id: activity.id,
        title: activity.title,
        startsAt: activity.startsAt.toISOString(),
        endsAt: activity.endsAt.toISOString(),
      },
      screen:
        screen.state === "open"
          ? { ...screen, closesAt: screen.closesAt.toISOString() }
          : screen.state === "notYet"
            ? { ...screen, opensAt: screen.opensAt.toISOString() }
            : screen,
      records: records.map((record) => ({
        ...record,
        checkInAt: record.checkInAt?.toISOString() ?? null,
        checkOutAt: record.checkOutAt?.toISOString() ?? null,
      })),
      organizerIsOrganization: organizer.scope === "organization",
    },
    { headers: { "Cache-Control": "no-store" } },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: loaded?.title }];

function Countdown({ seconds }: { seconds: number }) {
  const { t } = useTranslation("hours");
  const revalidator = useRevalidator();
  const [left, setLeft] = useState(seconds);
  useEffect(() => {
    const timer = setInterval(() => setLeft((value) => Math.max(0, value - 1)), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left === 0 && revalidator.state === "idle") revalidator.revalidate();
  }, [left, revalidator]);
  return <p className="checkin-code__countdown">{t("code.rotatesIn", { seconds: left })}</p>;
}

export default function CheckinCode() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const { activity, screen } = loaded;
  return (
    <section className="container page">
      <p>
        <Link to={`/activities/${activity.id}`}>{t("code.back")}</Link>
      </p>
      <h1>{activity.title}</h1>
      <p>{formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language)}</p>
      <div className="panel checkin-code" aria-live="polite">
        {screen.state === "open" ? (
          <>
            {/* Without JavaScript the page reloads itself when the code changes. */}
            <noscript>
              <meta httpEquiv="refresh" content={String(screen.secondsLeft)} />
            </noscript>
            <p>{t("code.instructions")}</p>
            <p className="checkin-code__digits" aria-label={t("code.label")}>
              {screen.code.slice(0, 3)} {screen.code.slice(3)}
            </p>
            {/* Remounted with every answer, so the countdown restarts from the server's figure. */}
            <Countdown key={`${screen.code}-${screen.secondsLeft}`} seconds={screen.secondsLeft} />
            <p className="field__hint">
              {t("code.openUntil", { time: formatActivityTime(screen.closesAt, i18n.language) })}
            </p>
          </>
        ) : screen.state === "notYet" ? (
          <p>{t("code.notYet", { time: formatActivityTime(screen.opensAt, i18n.language) })}</p>
        ) : screen.state === "cancelled" ? (
          <p>{t("code.cancelled")}</p>
        ) : (
          <p>{t("code.over")}</p>
        )}
      </div>
      <h2>{t("code.attendance")}</h2>
      {loaded.records.length === 0 ? (
        <p className="empty-state">{t("code.noRecords")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("fields.volunteer")}</th>
              <th scope="col">{t("fields.kind")}</th>
              <th scope="col">{t("fields.checkIn")}</th>
              <th scope="col">{t("fields.checkOut")}</th>
              <th scope="col">{t("fields.hours")}</th>
              <th scope="col">{t("fields.status")}</th>
              {loaded.organizerIsOrganization ? <th scope="col">{t("fields.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {loaded.records.map((record) => (
              <tr key={record.id}>
                <td>
                  {record.volunteerName}
                  {record.volunteerNumber ? <small> {record.volunteerNumber}</small> : null}
                </td>
                <td>{t(`kinds.${record.kind}`)}</td>
                <td>{record.checkInAt ? formatActivityTime(record.checkInAt, i18n.language) : "—"}</td>
                <td>
                  {record.checkOutAt ? formatActivityTime(record.checkOutAt, i18n.language) : "—"}
                  {record.autoCheckedOut ? <span className="badge"> {t("flags.autoCheckedOut")}</span> : null}
                </td>
                <td>{record.minutes === null ? "—" : hoursOf(record.minutes, i18n.language)}</td>
                <td>{t(`statuses.${record.status}`)}</td>
                {loaded.organizerIsOrganization ? (
                  <td>
                    {record.status === "approved" ? (
                      <Link to={`/hours/${record.id}/correction`}>{t("history.requestCorrection")}</Link>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
