import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as respond, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CalendarDayForm, CalendarYearTable } from "~/components/calendar/CalendarYear";
import { FormError, Notice } from "~/components/forms";
import { listCalendarYear, removeCalendarDay, saveCalendarDay } from "~/domains/calendar/calendar.server";
import { calendarDaySchema, calendarRemovalSchema, calendarYearSchema } from "~/domains/calendar/validation";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { parseForm, readFormData, type FormFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "calendar"] };

const PERMISSION = "manage:calendar:any";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const params = new URL(request.url).searchParams;
  const year = calendarYearSchema.parse(params.get("year") ?? undefined) ?? currentYear();
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "calendar");
  const weekday = new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
  const rows = await listCalendarYear(await getDb(), year);
  const days = rows.map((row) => ({
    day: row.day,
    dayText: formatCalendarDate(row.day, locale),
    weekdayText: weekday.format(new Date(`${row.day}T00:00:00Z`)),
    kind: row.kind,
    name: row.name,
    updatedAt: row.updatedAt.toISOString(),
    updatedText: formatDateTime(row.updatedAt, locale),
    updatedBy: row.updatedByName,
  }));
  const editing = days.find((row) => row.day === params.get("edit")) ?? null;
  const notice = (["saved", "removed", "unchanged"] as const).find((key) => params.get(key));
  return {
    title: t("page.title"),
    year,
    days,
    editing: editing && {
      day: editing.day,
      kind: editing.kind,
      name: editing.name,
      dayText: editing.dayText,
    },
    notice: notice ? { key: notice, dayText: formatCalendarDate(params.get(notice)!, locale) } : null,
  };
}

function currentYear(): number {
  return Number(calendarDateOf(new Date()).slice(0, 4));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, PERMISSION);
  const intent = (await readFormData(request.clone())).get("intent");
  const actor = { id: user.id, ipAddress: clientIp(request) };
  const db = await getDb();
  if (intent === "remove") {
    const parsed = await parseForm(request, calendarRemovalSchema);
    if (!parsed.success) return parsed.failure;
    const result = await removeCalendarDay(db, actor, parsed.data.day);
    if (!result.ok) {
      return respond<FormFailure>(
        { errors: {}, values: {}, formError: "calendar:errors.notFound" },
        { status: 404 },
      );
    }
    return redirect(`/admin/calendar?year=${parsed.data.day.slice(0, 4)}&removed=${parsed.data.day}`);
  }
  const parsed = await parseForm(request, calendarDaySchema);
  if (!parsed.success) return parsed.failure;
  const result = await saveCalendarDay(db, actor, parsed.data);
  const outcome = result.changed ? "saved" : "unchanged";
  return redirect(`/admin/calendar?year=${parsed.data.day.slice(0, 4)}&${outcome}=${parsed.data.day}`);
}

export default function AdminCalendar() {
  const { t } = useTranslation("calendar");
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const holidays = loaded.days.filter((row) => row.kind === "holiday").length;
  const workdays = loaded.days.length - holidays;
  return (
    <section className="container page" aria-labelledby="calendar-title">
      <h1 id="calendar-title">{loaded.title}</h1>
      <p>{t("page.lead")}</p>
      {loaded.notice ? (
        <Notice kind="success">{t(`page.${loaded.notice.key}`, { day: loaded.notice.dayText })}</Notice>
      ) : null}
      <FormError state={state} />
      <nav aria-label={t("page.yearNav")} className="actions">
        <a href={`/admin/calendar?year=${loaded.year - 1}`}>
          {t("page.previousYear", { year: loaded.year - 1 })}
        </a>
        <a href={`/admin/calendar?year=${loaded.year + 1}`}>
          {t("page.nextYear", { year: loaded.year + 1 })}
        </a>
      </nav>
      <h2>{t("page.yearHeading", { year: loaded.year })}</h2>
      {loaded.days.length === 0 ? (
        <p className="empty-state">{t("page.empty", { year: loaded.year })}</p>
      ) : (
        <>
          <p>{t("page.summary", { holidays, workdays })}</p>
          <CalendarYearTable year={loaded.year} days={loaded.days} />
        </>
      )}
      <CalendarDayForm
        key={loaded.editing?.day ?? "new"}
        year={loaded.year}
        editing={loaded.editing}
        state={state && Object.keys(state.errors).length > 0 ? state : undefined}
      />
    </section>
  );
}
