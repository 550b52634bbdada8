import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroupField, DateField, NumberField, SelectField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { OfficeHourTimeFields, weekdayCodes } from "~/components/legal/OfficeHourFields";
import { SubmissionKey } from "~/components/SubmissionKey";
import { listFirmLawyers, listServicePoints } from "~/domains/legal/lawyers.server";
import { createOfficeHourRule } from "~/domains/legal/office-hours.server";
import { shanghaiDay } from "~/domains/legal/beijing-time";
import { officeHourRuleSchema } from "~/domains/legal/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "legal", "validation"] };
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:office-hours:organization");
  const db = await getDb();
  const [lawyerRows, points] = await Promise.all([
    listFirmLawyers(db, user.actor.organizationId!),
    listServicePoints(db, { districtId: user.actor.districtId! }),
  ]);
  const t = await i18nServer.getFixedT(request, "legal");
  return {
    title: t("ruleForm.title"),
    today: shanghaiDay(clock.now()),
    lawyers: lawyerRows
      .filter((lawyer) => lawyer.active)
      .map((lawyer) => ({ id: lawyer.id, name: lawyer.name })),
    points: points.map((point) => ({ id: point.id, label: `${point.name} · ${point.officeName}` })),
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:office-hours:organization");
  const parsed = await parseSubmission(request, officeHourRuleSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One rule per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "office-hour-rule" },
    (db) =>
      createOfficeHourRule(db, {
        actor: { ...user.actor, ipAddress: clientIp(request) },
        rule: parsed.data,
      }),
    (created) => (created.ok ? created.id : null),
  );
  const published = (id: string) =>
    redirectWithFlash(request, `/legal/office-hours/${id}`, {
      kind: "success",
      message: "legal:ruleDetail.created",
    });
  if (once.replayed) return published(once.entityId);
  const result = once.result;
  if (!result.ok)
    return result.field
      ? submissionFailure(parsed.values, { [result.field]: result.error })
      : submissionFailure(parsed.values, {}, { status: 409, formError: result.error });
  return published(result.id);
}

/** The schema loads with zod on the first validation, not with the page. */
const loadRuleSchema = () =>
  import("~/domains/legal/validation").then((module) => module.officeHourRuleSchema);

export default function NewOfficeHours() {
  const { t } = useTranslation("legal");
  const data = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadRuleSchema });
  const weekdayOptions = weekdayCodes.map((day) => ({ value: day, label: t(`weekdays.${day}`) }));
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/legal">{t("firm.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{t("ruleForm.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <SubmissionKey value={data.submissionKey} />
          <SelectField
            name="lawyerId"
            label={t("fields.lawyer")}
            options={data.lawyers.map((lawyer) => ({ value: lawyer.id, label: lawyer.name }))}
          />
          <SelectField
            name="servicePointId"
            label={t("fields.servicePoint")}
            options={data.points.map((point) => ({ value: point.id, label: point.label }))}
          />
          <SelectField
            name="frequency"
            label={t("fields.frequency")}
            options={[
              { value: "weekly", label: t("ruleForm.weekly") },
              { value: "monthly", label: t("ruleForm.monthly") },
            ]}
          />
          <CheckboxGroupField name="weekdays" label={t("ruleForm.weekdaysLegend")} options={weekdayOptions} />
          <SelectField
            name="nth"
            label={t("ruleForm.nth")}
            placeholder="—"
            options={["1", "2", "3", "4", "-1"].map((nth) => ({ value: nth, label: t(`nth.${nth}`) }))}
          />
          <SelectField
            name="monthlyWeekday"
            label={t("ruleForm.monthlyWeekday")}
            placeholder="—"
            options={weekdayOptions}
          />
          <OfficeHourTimeFields required defaultStart="09:00" defaultEnd="11:30" />
          <DateField name="validFrom" label={t("fields.validFrom")} defaultValue={data.today} required />
          <DateField name="validTo" label={t("fields.validTo")} />
          <NumberField name="slotMinutes" label={t("fields.slotMinutes")} defaultValue="30" />
          <NumberField name="bufferMinutes" label={t("fields.bufferMinutes")} defaultValue="0" />
          <NumberField name="capacity" label={t("fields.capacity")} defaultValue="1" />
          <NumberField name="minNoticeHours" label={t("fields.minNoticeHours")} defaultValue="2" />
          <NumberField name="horizonDays" label={t("fields.horizonDays")} defaultValue="60" />
          <NumberField name="cancelCutoffHours" label={t("fields.cancelCutoffHours")} defaultValue="12" />
          <SubmitButton>{t("ruleForm.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
