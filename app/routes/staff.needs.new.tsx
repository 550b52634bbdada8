import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/forms";
import { CategorySelect, ChoiceSelect } from "~/components/matching/CategorySelect";
import { registerNeed } from "~/domains/matching/needs.server";
import { genderRequirements, NEED_DESCRIPTION_MAX, needUrgencies } from "~/domains/matching/options";
import { needSchema } from "~/domains/matching/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:help-need:office");
  const t = await i18nServer.getFixedT(request, "matching");
  return { title: t("form.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "create:help-need:office");
  const parsed = await parseForm(request, needSchema);
  if (!parsed.success) return parsed.failure;
  const result = await registerNeed(
    await getDb(),
    { ...user.actor, ipAddress: clientIp(request) },
    parsed.data,
  );
  if (!result.ok) return formFailure(parsed.formData, { [result.field]: result.error });
  return redirect(`/staff/needs/${result.id}?registered=1`);
});

export default function NewNeed() {
  const { t } = useTranslation("matching");
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const descriptionError = state?.errors.description;
  return (
    <section className="container page page--narrow">
      <h1>{t("form.title")}</h1>
      <p>{t("form.lead")}</p>
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate autoComplete="off">
          <TextField
            name="caseCode"
            required
            maxLength={14}
            label={t("fields.caseCode")}
            hint={t("form.caseCodeHint")}
            state={state ?? { values: { caseCode: params.get("caseCode") ?? "" } }}
          />
          <CategorySelect state={state} />
          <ChoiceSelect
            name="urgency"
            label={t("fields.urgency")}
            values={needUrgencies}
            labelPrefix="urgencyTargets"
            defaultValue="normal"
            state={state}
          />
          <TextField
            name="area"
            maxLength={50}
            label={t("fields.area")}
            hint={t("form.areaHint")}
            state={state}
          />
          <TextField
            name="languages"
            label={t("fields.languages")}
            hint={t("form.languagesHint")}
            state={state}
          />
          <ChoiceSelect
            name="genderRequirement"
            label={t("fields.genderRequirement")}
            values={genderRequirements}
            labelPrefix="genderRequirements"
            defaultValue="none"
            hint={t("form.genderHint")}
            state={state}
          />
          <div className={`field${descriptionError ? " field--invalid" : ""}`}>
            <label htmlFor="field-description">{t("fields.description")}</label>
            <p className="field__hint field__hint--warning" id="field-description-hint">
              {t("form.descriptionWarning")}
            </p>
            <textarea
              id="field-description"
              name="description"
              rows={5}
              required
              maxLength={NEED_DESCRIPTION_MAX}
              defaultValue={state?.values.description}
              aria-invalid={descriptionError ? true : undefined}
              aria-describedby={`field-description-hint${descriptionError ? " field-description-error" : ""}`}
            />
            {descriptionError ? (
              <p className="field__error" id="field-description-error" role="alert">
                {t(descriptionError)}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--primary">
            {t("form.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
