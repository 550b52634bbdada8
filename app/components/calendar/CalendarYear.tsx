import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { CALENDAR_NAME_MAX_LENGTH, CALENDAR_YEAR_MAX, CALENDAR_YEAR_MIN } from "~/domains/calendar/limits";
import { calendarDayKinds, type CalendarDayKind } from "~/domains/calendar/working-days";

/** The page's forms: the day form, and the remove button of each listed day. */
export const CALENDAR_DAY_FORM = "day";
export const CALENDAR_REMOVE_FORM = "remove";

export interface CalendarDayView {
  day: string;
  dayText: string;
  weekdayText: string;
  kind: CalendarDayKind;
  name: string;
  updatedAt: string;
  updatedText: string;
  updatedBy: string | null;
}

/** One year's exceptions, each with its change link and remove button. */
export function CalendarYearTable({ year, days }: { year: number; days: CalendarDayView[] }) {
  const { t } = useTranslation("calendar");
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("fields.day")}</th>
            <th scope="col">{t("fields.weekday")}</th>
            <th scope="col">{t("fields.kind")}</th>
            <th scope="col">{t("fields.name")}</th>
            <th scope="col">{t("fields.updated")}</th>
            <th scope="col">{t("fields.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((row) => (
            <tr key={row.day}>
              <td>
                <time dateTime={row.day}>{row.dayText}</time>
              </td>
              <td>{row.weekdayText}</td>
              <td>
                <span className={`badge${row.kind === "workday" ? " badge--pending" : ""}`}>
                  {t(`kinds.${row.kind}`)}
                </span>
              </td>
              <td>{row.name}</td>
              <td>
                <time dateTime={row.updatedAt}>{row.updatedText}</time>
                {" · "}
                {row.updatedBy ?? t("form.byUnknown")}
              </td>
              <td>
                <div className="actions">
                  <a
                    href={`/admin/calendar?year=${year}&edit=${row.day}#calendar-form`}
                    aria-label={t("form.editLabel", { day: row.dayText })}
                  >
                    {t("form.edit")}
                  </a>
                  <Form method="post">
                    <input type="hidden" name="intent" value={CALENDAR_REMOVE_FORM} />
                    {/* The button carries the day, so only this row's button shows the pending state. */}
                    <SubmitButton
                      name="day"
                      value={row.day}
                      className="button"
                      aria-label={t("form.removeLabel", { day: row.dayText })}
                    >
                      {t("form.remove")}
                    </SubmitButton>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const loadDaySchema = () =>
  import("~/domains/calendar/validation").then((module) => module.calendarDaySchema);

/**
 * Enters a new day, or changes the one being edited (saving a listed date changes it). Its
 * idempotency key makes a double click, retry or replay enter the day once.
 */
export function CalendarDayForm({
  year,
  editing,
  submissionKey,
}: {
  year: number;
  editing: { day: string; dayText: string; kind: CalendarDayKind; name: string } | null;
  submissionKey: string;
}) {
  const { t } = useTranslation(["calendar", "common"]);
  const form = useValidatedForm({
    schema: loadDaySchema,
    id: CALENDAR_DAY_FORM,
    defaultValues: editing
      ? { day: editing.day, kind: editing.kind, name: editing.name }
      : { day: "", kind: "holiday", name: "" },
  });
  return (
    <div className="panel" id="calendar-form">
      <h2>{editing ? t("form.editTitle", { day: editing.dayText }) : t("form.addTitle")}</h2>
      <ValidatedForm form={form}>
        <input type="hidden" name="intent" value="save" />
        <SubmissionKey value={submissionKey} />
        <DateField
          name="day"
          required
          min={`${CALENDAR_YEAR_MIN}-01-01`}
          max={`${CALENDAR_YEAR_MAX}-12-31`}
          label={t("fields.day")}
          hint={t("form.dayHint")}
        />
        <SelectField
          name="kind"
          label={t("fields.kind")}
          options={calendarDayKinds.map((kind) => ({ value: kind, label: t(`kinds.${kind}`) }))}
        />
        <TextField
          name="name"
          required
          maxLength={CALENDAR_NAME_MAX_LENGTH}
          label={t("fields.name")}
          hint={t("form.nameHint")}
        />
        <div className="actions">
          <SubmitButton>{t("form.submit")}</SubmitButton>
          {editing ? <a href={`/admin/calendar?year=${year}`}>{t("form.cancelEdit")}</a> : null}
        </div>
      </ValidatedForm>
    </div>
  );
}
