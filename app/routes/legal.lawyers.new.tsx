import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroupField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createLawyer } from "~/domains/legal/lawyers.server";
import { PRACTICE_LICENCE_LENGTH } from "~/domains/legal/practice-licence";
import {
  consultationLanguageLabelKey,
  consultationLanguages,
  topicCategories,
} from "~/domains/legal/options";
import { lawyerSchema } from "~/domains/legal/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "legal", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:lawyer:organization");
  const t = await i18nServer.getFixedT(request, "legal");
  return { title: t("lawyerForm.title"), submissionKey: newSubmissionKey() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:lawyer:organization");
  const parsed = await parseSubmission(request, lawyerSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One lawyer per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "lawyer" },
    (db) => createLawyer(db, { actor: { ...user.actor, ipAddress: clientIp(request) }, lawyer: parsed.data }),
    (created) => (created.ok ? created.id : null),
  );
  if (!once.replayed && !once.result.ok) {
    const result = once.result;
    return result.field
      ? submissionFailure(parsed.values, { [result.field]: result.error })
      : submissionFailure(parsed.values, {}, { status: 409, formError: result.error });
  }
  return redirectWithFlash(request, "/legal", { kind: "success", message: "legal:firm.saved" });
}

const loadLawyerSchema = () => import("~/domains/legal/validation").then((module) => module.lawyerSchema);

export default function NewLawyer() {
  const { t } = useTranslation("legal");
  const { title, submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadLawyerSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/legal">{t("firm.back")}</Link>
      </p>
      <h1>{title}</h1>
      <div className="panel">
        <ValidatedForm form={form}>
          <SubmissionKey value={submissionKey} />
          <TextField name="name" label={t("fields.name")} required autoComplete="off" />
          <TextField
            name="practiceLicence"
            label={t("fields.practiceLicence")}
            hint={t("lawyerForm.licenceHint", { length: PRACTICE_LICENCE_LENGTH })}
            inputMode="numeric"
            required
            autoComplete="off"
          />
          <CheckboxGroupField
            name="specialties"
            label={t("fields.specialties")}
            options={topicCategories.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
          />
          <CheckboxGroupField
            name="languages"
            label={t("fields.languages")}
            defaultValue={["普通话"]}
            options={consultationLanguages.map((language) => ({
              value: language,
              label: t(consultationLanguageLabelKey(language)!),
            }))}
          />
          <TextField
            name="accountEmail"
            type="email"
            label={t("fields.account")}
            hint={t("lawyerForm.accountHint")}
            autoComplete="off"
          />
          <SubmitButton>{t("lawyerForm.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
