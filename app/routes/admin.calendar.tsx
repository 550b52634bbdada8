import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CALENDAR_REMOVE_FORM,
  CalendarDayForm,
  CalendarYearTable,
  CALENDAR_DAY_FORM,
} from "~/components/calendar/CalendarYear";
import { isFailure } from "~/components/form/useValidatedForm";
import { Notice } from "~/components/Notice";
import { listCalendarYear, removeCalendarDay, saveCalendarDayOnce } from "~/domains/calendar/calendar.server";
import { calendarDaySchema, calendarRemovalSchema, calendarYearSchema } from "~/domains/calendar/validation";
import { calendarDateOf } from "~/domains/calendar/working-days";
import { i18nServer } from "~/i18n.server";
import { formatCalendarDate, formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, searchParamsOf, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";
import { dateTimeFormat } from "~/utils/intl";

export const handle = { i18n: ["common", "calendar", "validation"] };

const PERMISSION = "manage:calendar:any";

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, PERMISSION);
  const params = searchParamsOf(request);
  const year = calendarYearSchema.parse(params.get("year") ?? undefined) ?? currentYear();
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale, "calendar");
  const weekday = dateTimeFormat(locale, { weekday: "short", timeZone: "UTC" });
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
    submissionKey: newSubmissionKey(),
  };
}

function currentYear(): number {
  return Number(calendarDateOf(new Date()).slice(0, 4));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, PERMISSION);
  const formData = await readFormData(request);
  const actor = { id: user.id, ipAddress: clientIp(request) };
  const db = await getDb();
  const locale = await i18nServer.getLocale(request);
  // Back to the day's year, with the message read once.
  const done = (message: "saved" | "unchanged" | "removed", day: string) =>
    redirectWithFlash(request, `/admin/calendar?year=${day.slice(0, 4)}`, {
      kind: "success",
      message: `calendar:page.${message}`,
      values: { day: formatCalendarDate(day, locale) },
    });

  if (formData.get("intent") === CALENDAR_REMOVE_FORM) {
    const parsed = await validateSubmission(formData, calendarRemovalSchema, CALENDAR_REMOVE_FORM);
    if (!parsed.success) return parsed.failure;
    const result = await removeCalendarDay(db, actor, parsed.data.day);
    if (!result.ok)
      return submissionFailure(
        parsed.values,
        {},
        { status: 404, formError: "calendar:errors.notFound", form: CALENDAR_REMOVE_FORM },
      );
    return done("removed", parsed.data.day);
  }
  const parsed = await validateSubmission(formData, calendarDaySchema, CALENDAR_DAY_FORM);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(formData);
  if (!key)
    return submissionFailure(
      parsed.values,
      {},
      { formError: "validation:form.invalid", form: CALENDAR_DAY_FORM },
    );
  const once = await saveCalendarDayOnce(db, actor, key, parsed.data);
  if (once.replayed) return done("saved", once.entityId);
  return done(once.result.changed ? "saved" : "unchanged", parsed.data.day);
}

export default function AdminCalendar() {
  const { t } = useTranslation(["calendar", "validation"]);
  const loaded = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  // A remove button is no field form: its refusal is shown above the page.
  const removal = isFailure(answer) && answer.form === CALENDAR_REMOVE_FORM ? answer : undefined;
  const holidays = loaded.days.filter((row) => row.kind === "holiday").length;
  const workdays = loaded.days.length - holidays;
  return (
    <section className="container page" aria-labelledby="calendar-title">
      <h1 id="calendar-title">{loaded.title}</h1>
      <p>{t("page.lead")}</p>
      {removal ? <Notice kind="error">{t(removal.formError ?? "validation:form.invalid")}</Notice> : null}
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
        submissionKey={loaded.submissionKey}
      />
    </section>
  );
}
