import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { DurationFields, TextAreaField } from "~/components/hours-fields";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import { formatActivityPeriod } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { activityLengthMinutes, getVolunteerProfile } from "~/domains/volunteers/hour-records.server";
import { listReportableActivities, reportHours } from "~/domains/volunteers/hours.server";
import { DESCRIPTION_MAX, EVIDENCE_MAX, selfReportSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "hours", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:hour-record:own");
  const db = await getDb();
  const profile = await getVolunteerProfile(db, user.id);
  const approved = profile?.status === "approved";
  const now = clock.now();
  const options = approved ? await listReportableActivities(db, user.id, now) : [];
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("report.title"),
    approved,
    today: shanghaiDate(now),
    activities: options.map((activity) => ({
      id: activity.id,
      title: activity.title,
      startsAt: activity.startsAt.toISOString(),
      endsAt: activity.endsAt.toISOString(),
      lengthMinutes: activityLengthMinutes(activity),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:hour-record:own");
  const parsed = await parseForm(request, selfReportSchema);
  if (!parsed.success) return parsed.failure;
  const result = await reportHours(await getDb(), {
    volunteerId: user.id,
    report: parsed.data,
    now: clock.now(),
  });
  if (!result.ok) {
    return result.field === "form"
      ? formFailure(parsed.formData, {}, 400, result.error)
      : formFailure(parsed.formData, { [result.field]: result.error });
  }
  return redirect("/hours?reported=1");
}

export default function ReportHours() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const values = state?.values ?? {};
  const errors = state?.errors ?? {};
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/hours">{t("history.back")}</Link>
      </p>
      <h1>{loaded.title}</h1>
      <p>{t("report.lead")}</p>
      {!loaded.approved ? (
        <Notice>{t("notApproved")}</Notice>
      ) : (
        <div className="panel">
          <FormError state={state} />
          <Form method="post" className="form" noValidate>
            <div className={`field${errors.activityId ? " field--invalid" : ""}`}>
              <label htmlFor="field-activityId">{t("fields.activity")}</label>
              <p className="field__hint" id="field-activityId-hint">
                {t("report.activityHint")}
              </p>
              <select
                id="field-activityId"
                name="activityId"
                defaultValue={values.activityId ?? ""}
                aria-invalid={errors.activityId ? true : undefined}
                aria-describedby={`field-activityId-hint${errors.activityId ? " field-activityId-error" : ""}`}
              >
                <option value="">{t("report.noActivity")}</option>
                {loaded.activities.map((activity) => (
                  <option key={activity.id} value={activity.id}>
                    {t("report.activityOption", {
                      title: activity.title,
                      period: formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language),
                      hours: hoursOf(activity.lengthMinutes, i18n.language),
                    })}
                  </option>
                ))}
              </select>
              {errors.activityId ? (
                <p className="field__error" id="field-activityId-error" role="alert">
                  {t(errors.activityId)}
                </p>
              ) : null}
            </div>
            <TextField
              name="serviceDate"
              type="date"
              required
              max={loaded.today}
              label={t("fields.serviceDate")}
              state={state}
            />
            <DurationFields
              legend={t("fields.duration")}
              hint={t("report.durationHint")}
              hoursLabel={t("fields.hoursPart")}
              minutesLabel={t("fields.minutesPart")}
              state={state}
            />
            <TextAreaField
              name="description"
              label={t("fields.description")}
              hint={t("report.descriptionHint")}
              maxLength={DESCRIPTION_MAX}
              state={state}
            />
            <TextAreaField
              name="evidenceNote"
              label={t("fields.evidenceNote")}
              hint={t("report.evidenceHint")}
              maxLength={EVIDENCE_MAX}
              state={state}
            />
            <button type="submit" className="button button--primary">
              {t("report.submit")}
            </button>
          </Form>
        </div>
      )}
    </section>
  );
}
