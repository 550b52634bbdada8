import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { findOpenSlots } from "~/domains/legal/availability.server";
import { listServicePoints } from "~/domains/legal/lawyers.server";
import { addDays, shanghaiDay, shanghaiMinute } from "~/domains/legal/beijing-time";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "legal"] };

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;

/** A week of one service point of the staff member's office: every slot, free or full. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "book:consultation:office");
  const url = new URL(request.url);
  const db = await getDb();
  const points = await listServicePoints(db, { officeId: user.actor.organizationId! });
  const wanted = url.searchParams.get("point");
  // Without a choice, the office's first point; another office's point is not found.
  const point = wanted ? points.find((candidate) => candidate.id === wanted) : points[0];
  if (wanted && !point) notFound();
  const t = await i18nServer.getFixedT(request, "legal");
  if (!point) return { title: t("week.noPoint"), pointId: null, monday: null, days: [] };
  const now = clock.now();
  const requested = url.searchParams.get("week");
  const anchor = requested && /^\d{4}-\d{2}-\d{2}$/.test(requested) ? requested : shanghaiDay(now);
  const weekday = (new Date(`${anchor}T00:00:00Z`).getUTCDay() + 6) % 7;
  const monday = addDays(anchor, -weekday);
  const slots = await findOpenSlots(db, {
    servicePointId: point.id,
    from: monday,
    to: addDays(monday, 6),
    includeFull: true,
    now,
  });
  return {
    title: t("week.title", { name: point.name }),
    pointId: point.id,
    monday,
    days: Array.from({ length: 7 }, (_, index) => {
      const day = addDays(monday, index);
      return {
        day,
        slots: slots
          .filter((slot) => shanghaiDay(slot.startsAt) === day)
          .map((slot) => ({
            ruleId: slot.ruleId,
            startsAt: slot.startsAt.toISOString(),
            time: `${hhmm(shanghaiMinute(slot.startsAt))}–${hhmm(shanghaiMinute(slot.endsAt))}`,
            lawyerName: slot.lawyerName,
            remaining: slot.remaining,
            capacity: slot.capacity,
          })),
      };
    }),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function WeekView() {
  const { t, i18n } = useTranslation("legal");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <p>
        <Link to="/consultations">{t("book.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      {data.monday ? (
        <p>
          <Link to={`/consultations/week?point=${data.pointId}&week=${addDays(data.monday, -7)}`}>
            {t("week.previous")}
          </Link>
          {" · "}
          <Link to={`/consultations/week?point=${data.pointId}&week=${addDays(data.monday, 7)}`}>
            {t("week.next")}
          </Link>
        </p>
      ) : null}
      <div className="week">
        {data.days.map((day) => (
          <section key={day.day} className="panel">
            <h2>{formatCalendarDate(day.day, i18n.language)}</h2>
            {day.slots.length === 0 ? (
              <p>{t("week.none")}</p>
            ) : (
              <ul className="list">
                {day.slots.map((slot) => (
                  <li key={`${slot.ruleId}-${slot.startsAt}`}>
                    {slot.remaining > 0 ? (
                      <Link
                        to={`/consultations/book?ruleId=${slot.ruleId}&startsAt=${encodeURIComponent(slot.startsAt)}`}
                      >
                        {slot.time} · {slot.lawyerName} ·{" "}
                        {t("staff.remaining", { remaining: slot.remaining, capacity: slot.capacity })}
                      </Link>
                    ) : (
                      <span>
                        {slot.time} · {slot.lawyerName} · {t("week.full")}
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </section>
  );
}
