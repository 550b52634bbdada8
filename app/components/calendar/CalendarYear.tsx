import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { type FormState, TextField } from "~/components/forms";
import { calendarDayKinds, type CalendarDayKind } from "~/domains/calendar/working-days";

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
                    <input type="hidden" name="intent" value="remove" />
                    <input type="hidden" name="day" value={row.day} />
                    <button
                      type="submit"
                      className="button"
                      aria-label={t("form.removeLabel", { day: row.dayText })}
                    >
                      {t("form.remove")}
                    </button>
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

/** Enters a new day, or changes the one being edited (saving a listed date changes it). */
export function CalendarDayForm({
  year,
  editing,
  state,
}: {
  year: number;
  editing: { day: string; dayText: string; kind: CalendarDayKind; name: string } | null;
  state?: FormState;
}) {
  const { t } = useTranslation(["calendar", "common"]);
  const values =
    state?.values ?? (editing ? { day: editing.day, kind: editing.kind, name: editing.name } : {});
  const shown: FormState = { errors: state?.errors, values };
  const kindError = state?.errors?.kind;
  return (
    <div className="panel" id="calendar-form">
      <h2>{editing ? t("form.editTitle", { day: editing.dayText }) : t("form.addTitle")}</h2>
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="intent" value="save" />
        <TextField
          name="day"
          type="date"
          required
          min="2000-01-01"
          max="2100-12-31"
          label={t("fields.day")}
          hint={t("form.dayHint")}
          state={shown}
        />
        <div className={`field${kindError ? " field--invalid" : ""}`}>
          <label htmlFor="field-kind">{t("fields.kind")}</label>
          <select
            id="field-kind"
            name="kind"
            defaultValue={values.kind ?? "holiday"}
            aria-invalid={kindError ? true : undefined}
            aria-describedby={kindError ? "field-kind-error" : undefined}
          >
            {calendarDayKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kinds.${kind}`)}
              </option>
            ))}
          </select>
          {kindError ? (
            <p className="field__error" id="field-kind-error" role="alert">
              {t(kindError)}
            </p>
          ) : null}
        </div>
        <TextField
          name="name"
          required
          maxLength={50}
          label={t("fields.name")}
          hint={t("form.nameHint")}
          state={shown}
        />
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t("form.submit")}
          </button>
          {editing ? <a href={`/admin/calendar?year=${year}`}>{t("form.cancelEdit")}</a> : null}
        </div>
      </Form>
    </div>
  );
}
