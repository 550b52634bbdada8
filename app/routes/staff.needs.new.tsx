import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { CategorySelect, ChoiceSelect } from "~/components/matching/CategorySelect";
import { SubmissionKey } from "~/components/SubmissionKey";
import { registerNeed } from "~/domains/matching/needs.server";
import { genderRequirements, NEED_DESCRIPTION_MAX, needUrgencies } from "~/domains/matching/options";
import { needSchema } from "~/domains/matching/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, searchParamsOf, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:help-need:office");
  const t = await i18nServer.getFixedT(request, "matching");
  return {
    title: t("form.title"),
    submissionKey: newSubmissionKey(),
    // A link from a subject's page may name its case code.
    caseCode: (searchParamsOf(request).get("caseCode") ?? "").slice(0, 20),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const registered = (request: Request, needId: string) =>
  redirectWithFlash(request, `/staff/needs/${needId}`, {
    kind: "success",
    message: "matching:detail.registered",
  });

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "create:help-need:office");
  const parsed = await parseSubmission(request, needSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One need per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "help-need" },
    (db) => registerNeed(db, { ...user.actor, ipAddress: clientIp(request) }, parsed.data),
    (created) => (created.ok ? created.id : null),
  );
  if (once.replayed) return registered(request, once.entityId);
  const result = once.result;
  if (!result.ok) return submissionFailure(parsed.values, { [result.field]: result.error });
  return registered(request, result.id);
});

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadNeedSchema = () => import("~/domains/matching/validation").then((module) => module.needSchema);

export default function NewNeed() {
  const { t } = useTranslation("matching");
  const { title, submissionKey, caseCode } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadNeedSchema });
  return (
    <section className="container page page--narrow">
      <h1>{title}</h1>
      <p>{t("form.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form} autoComplete="off">
          <SubmissionKey value={submissionKey} />
          <TextField
            name="caseCode"
            required
            maxLength={14}
            label={t("fields.caseCode")}
            hint={t("form.caseCodeHint")}
            defaultValue={caseCode}
          />
          <CategorySelect />
          <ChoiceSelect
            name="urgency"
            label={t("fields.urgency")}
            values={needUrgencies}
            labelPrefix="urgencyTargets"
            defaultValue="normal"
          />
          <TextField name="area" maxLength={50} label={t("fields.area")} hint={t("form.areaHint")} />
          <TextField name="languages" label={t("fields.languages")} hint={t("form.languagesHint")} />
          <ChoiceSelect
            name="genderRequirement"
            label={t("fields.genderRequirement")}
            values={genderRequirements}
            labelPrefix="genderRequirements"
            defaultValue="none"
            hint={t("form.genderHint")}
          />
          <TextareaField
            name="description"
            required
            rows={5}
            maxLength={NEED_DESCRIPTION_MAX}
            label={t("fields.description")}
            hint={t("form.descriptionWarning")}
          />
          <SubmitButton>{t("form.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
