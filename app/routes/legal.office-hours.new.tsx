import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/forms";
import { CheckboxGroup, SelectField } from "~/components/legal/fields";
import { listFirmLawyers, listServicePoints } from "~/domains/legal/lawyers.server";
import { createOfficeHourRule } from "~/domains/legal/office-hours.server";
import { shanghaiDay } from "~/domains/legal/beijing-time";
import { officeHourRuleSchema } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "legal", "validation"] };

const weekdayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;

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
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:office-hours:organization");
  const formData = await readFormData(request);
  const parsed = officeHourRuleSchema.safeParse({
    ...Object.fromEntries(formData),
    weekdays: formData.getAll("weekdays"),
  });
  if (!parsed.success)
    return formFailure(
      formData,
      Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
    );
  const result = await createOfficeHourRule(await getDb(), {
    actor: { ...user.actor, ipAddress: clientIp(request) },
    rule: parsed.data,
  });
  if (!result.ok)
    return result.field
      ? formFailure(formData, { [result.field]: result.error })
      : formFailure(formData, {}, 409, result.error);
  return redirect(`/legal/office-hours/${result.id}?created=1`);
}

export default function NewOfficeHours() {
  const { t } = useTranslation("legal");
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/legal">{t("firm.back")}</Link>
      </p>
      <h1>{data.title}</h1>
      <p>{t("ruleForm.lead")}</p>
      <FormError state={state} />
      <Form method="post" className="panel" noValidate>
        <SelectField
          name="lawyerId"
          label={t("fields.lawyer")}
          state={state}
          options={data.lawyers.map((lawyer) => ({ value: lawyer.id, label: lawyer.name }))}
        />
        <SelectField
          name="servicePointId"
          label={t("fields.servicePoint")}
          state={state}
          options={data.points.map((point) => ({ value: point.id, label: point.label }))}
        />
        <SelectField
          name="frequency"
          label={t("fields.frequency")}
          state={state}
          options={[
            { value: "weekly", label: t("ruleForm.weekly") },
            { value: "monthly", label: t("ruleForm.monthly") },
          ]}
        />
        <CheckboxGroup
          name="weekdays"
          legend={t("ruleForm.weekdaysLegend")}
          state={state}
          options={weekdayCodes.map((day) => ({ value: day, label: t(`weekdays.${day}`) }))}
        />
        <SelectField
          name="nth"
          label={t("ruleForm.nth")}
          state={state}
          options={[
            { value: "", label: "—" },
            ...["1", "2", "3", "4", "-1"].map((nth) => ({ value: nth, label: t(`nth.${nth}`) })),
          ]}
        />
        <SelectField
          name="monthlyWeekday"
          label={t("ruleForm.monthlyWeekday")}
          state={state}
          options={[
            { value: "", label: "—" },
            ...weekdayCodes.map((day) => ({ value: day, label: t(`weekdays.${day}`) })),
          ]}
        />
        <TextField
          name="startTime"
          type="time"
          label={t("fields.startTime")}
          state={state}
          defaultValue={state?.values?.startTime ?? "09:00"}
          required
        />
        <TextField
          name="endTime"
          type="time"
          label={t("fields.endTime")}
          state={state}
          defaultValue={state?.values?.endTime ?? "11:30"}
          required
        />
        <TextField
          name="validFrom"
          type="date"
          label={t("fields.validFrom")}
          state={state}
          defaultValue={state?.values?.validFrom ?? data.today}
          required
        />
        <TextField name="validTo" type="date" label={t("fields.validTo")} state={state} />
        <TextField
          name="slotMinutes"
          type="number"
          label={t("fields.slotMinutes")}
          state={state}
          defaultValue={state?.values?.slotMinutes ?? "30"}
          min={10}
          max={240}
        />
        <TextField
          name="bufferMinutes"
          type="number"
          label={t("fields.bufferMinutes")}
          state={state}
          defaultValue={state?.values?.bufferMinutes ?? "0"}
          min={0}
          max={120}
        />
        <TextField
          name="capacity"
          type="number"
          label={t("fields.capacity")}
          state={state}
          defaultValue={state?.values?.capacity ?? "1"}
          min={1}
          max={20}
        />
        <TextField
          name="minNoticeHours"
          type="number"
          label={t("fields.minNoticeHours")}
          state={state}
          defaultValue={state?.values?.minNoticeHours ?? "2"}
          min={0}
        />
        <TextField
          name="horizonDays"
          type="number"
          label={t("fields.horizonDays")}
          state={state}
          defaultValue={state?.values?.horizonDays ?? "60"}
          min={1}
          max={365}
        />
        <TextField
          name="cancelCutoffHours"
          type="number"
          label={t("fields.cancelCutoffHours")}
          state={state}
          defaultValue={state?.values?.cancelCutoffHours ?? "12"}
          min={0}
        />
        <button type="submit" className="button">
          {t("ruleForm.submit")}
        </button>
      </Form>
    </section>
  );
}
