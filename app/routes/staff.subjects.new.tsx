import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { registerSubject } from "~/domains/subjects/subjects.server";
import { supervisionLevels } from "~/domains/subjects/options";
import { subjectRegistrationSchema } from "~/domains/subjects/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createOnce } from "~/domains/submissions.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "subjects", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:subject:office");
  const t = await i18nServer.getFixedT(request, "subjects");
  return { title: t("new.title"), submissionKey: newSubmissionKey() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "create:subject:office");
  const parsed = await parseSubmission(request, subjectRegistrationSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.formData, {}, { formError: "validation:form.invalid" });
  const staff = {
    id: user.id,
    organizationId: user.organizationId,
    districtId: user.districtId,
    ipAddress: clientIp(request),
  };
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "subject" },
    (db) => registerSubject(db, staff, parsed.data),
    (created) => (created.ok ? created.id : null),
  );
  if (once.replayed) return redirect(`/staff/subjects/${once.entityId}`);
  const result = once.result;
  if (!result.ok) return submissionFailure(parsed.formData, { [result.field]: result.error });
  return redirectWithFlash(request, `/staff/subjects/${result.id}`, {
    kind: "success",
    message: "subjects:detail.registered",
    values: { caseCode: result.caseCode },
  });
});

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadSubjectRegistrationSchema = () =>
  import("~/domains/subjects/validation").then((module) => module.subjectRegistrationSchema);

export default function NewSubject() {
  const { t } = useTranslation("subjects");
  const { submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({
    schema: loadSubjectRegistrationSchema,
    defaultValues: { supervisionLevel: "normal" },
  });
  return (
    <section className="container page page--narrow">
      <h1>{t("new.title")}</h1>
      <p>{t("new.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form} autoComplete="off">
          <SubmissionKey value={submissionKey} />
          <TextField name="name" required maxLength={50} label={t("fields.name")} />
          <TextField
            name="idNumber"
            required
            maxLength={18}
            label={t("fields.idNumber")}
            hint={t("new.idNumberHint")}
          />
          <TextField name="phone" type="tel" required label={t("fields.phone")} />
          <TextField name="area" required maxLength={50} label={t("fields.area")} hint={t("new.areaHint")} />
          <TextField name="address" required maxLength={200} label={t("fields.address")} />
          <SelectField
            name="supervisionLevel"
            label={t("fields.supervisionLevel")}
            options={supervisionLevels.map((level) => ({ value: level, label: t(`levels.${level}`) }))}
          />
          <TextField name="correctionStart" type="date" required label={t("fields.correctionStart")} />
          <TextField name="correctionEnd" type="date" required label={t("fields.correctionEnd")} />
          <TextField name="languages" label={t("fields.languages")} hint={t("new.languagesHint")} />
          <SubmitButton>{t("new.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
