import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DurationField } from "~/components/form/DurationField";
import { DateField, SelectField, TextareaField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { shanghaiDate } from "~/domains/subjects/resident-id";
import { formatActivityPeriod } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { activityLengthMinutes, getVolunteerProfile } from "~/domains/volunteers/hour-records.server";
import { listReportableActivities, reportHours } from "~/domains/volunteers/hours.server";
import { DESCRIPTION_MAX, EVIDENCE_MAX } from "~/domains/volunteers/hours-limits";
import { selfReportSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createOnce } from "~/domains/submissions.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

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
    submissionKey: newSubmissionKey(),
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
  const parsed = await parseSubmission(request, selfReportSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One record per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "hour-record" },
    (db) => reportHours(db, { volunteerId: user.id, report: parsed.data, now: clock.now() }),
    (created) => (created.ok ? created.recordId : null),
  );
  if (once.replayed)
    return redirectWithFlash(request, "/hours", { kind: "success", message: "hours:report.done" });
  const result = once.result;
  if (!result.ok) {
    return result.field === "form"
      ? submissionFailure(parsed.values, {}, { formError: result.error })
      : submissionFailure(parsed.values, { [result.field]: result.error });
  }
  return redirectWithFlash(request, "/hours", { kind: "success", message: "hours:report.done" });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadSelfReportSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.selfReportSchema);

export default function ReportHours() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadSelfReportSchema });
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
          <ValidatedForm form={form}>
            <SubmissionKey value={loaded.submissionKey} />
            <SelectField
              name="activityId"
              label={t("fields.activity")}
              hint={t("report.activityHint")}
              placeholder={t("report.noActivity")}
              options={loaded.activities.map((activity) => ({
                value: activity.id,
                label: t("report.activityOption", {
                  title: activity.title,
                  period: formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language),
                  hours: hoursOf(activity.lengthMinutes, i18n.language),
                }),
              }))}
            />
            <DateField name="serviceDate" required max={loaded.today} label={t("fields.serviceDate")} />
            <DurationField
              legend={t("fields.duration")}
              hint={t("report.durationHint")}
              hoursLabel={t("fields.hoursPart")}
              minutesLabel={t("fields.minutesPart")}
            />
            <TextareaField
              name="description"
              label={t("fields.description")}
              hint={t("report.descriptionHint")}
              maxLength={DESCRIPTION_MAX}
            />
            <TextareaField
              name="evidenceNote"
              label={t("fields.evidenceNote")}
              hint={t("report.evidenceHint")}
              maxLength={EVIDENCE_MAX}
            />
            <SubmitButton>{t("report.submit")}</SubmitButton>
          </ValidatedForm>
        </div>
      )}
    </section>
  );
}
