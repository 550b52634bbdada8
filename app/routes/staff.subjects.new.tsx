import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/forms";
import { registerSubject } from "~/domains/subjects/subjects.server";
import { subjectRegistrationSchema, supervisionLevels } from "~/domains/subjects/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const handle = { i18n: ["common", "subjects", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "create:subject:office");
  const t = await i18nServer.getFixedT(request, "subjects");
  return { title: t("new.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "create:subject:office");
  const parsed = await parseForm(request, subjectRegistrationSchema);
  if (!parsed.success) return parsed.failure;
  const result = await registerSubject(
    await getDb(),
    {
      id: user.id,
      organizationId: user.organizationId,
      districtId: user.districtId,
      ipAddress: clientIp(request),
    },
    parsed.data,
  );
  if (!result.ok) return formFailure(parsed.formData, { [result.field]: result.error });
  return redirectWithFlash(request, `/staff/subjects/${result.id}`, {
    kind: "success",
    message: "subjects:detail.registered",
    values: { caseCode: result.caseCode },
  });
});

export default function NewSubject() {
  const { t } = useTranslation("subjects");
  const state = useActionData<typeof action>();
  const levelError = state?.errors.supervisionLevel;
  return (
    <section className="container page page--narrow">
      <h1>{t("new.title")}</h1>
      <p>{t("new.lead")}</p>
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate autoComplete="off">
          <TextField name="name" required maxLength={50} label={t("fields.name")} state={state} />
          <TextField
            name="idNumber"
            required
            maxLength={18}
            label={t("fields.idNumber")}
            hint={t("new.idNumberHint")}
            state={state}
          />
          <TextField name="phone" type="tel" required label={t("fields.phone")} state={state} />
          <TextField
            name="area"
            required
            maxLength={50}
            label={t("fields.area")}
            hint={t("new.areaHint")}
            state={state}
          />
          <TextField name="address" required maxLength={200} label={t("fields.address")} state={state} />
          <div className={`field${levelError ? " field--invalid" : ""}`}>
            <label htmlFor="field-supervisionLevel">{t("fields.supervisionLevel")}</label>
            <select
              id="field-supervisionLevel"
              name="supervisionLevel"
              defaultValue={state?.values.supervisionLevel ?? "normal"}
              aria-invalid={levelError ? true : undefined}
              aria-describedby={levelError ? "field-supervisionLevel-error" : undefined}
            >
              {supervisionLevels.map((level) => (
                <option key={level} value={level}>
                  {t(`levels.${level}`)}
                </option>
              ))}
            </select>
            {levelError ? (
              <p className="field__error" id="field-supervisionLevel-error" role="alert">
                {t(levelError)}
              </p>
            ) : null}
          </div>
          <TextField
            name="correctionStart"
            type="date"
            required
            label={t("fields.correctionStart")}
            state={state}
          />
          <TextField
            name="correctionEnd"
            type="date"
            required
            label={t("fields.correctionEnd")}
            state={state}
          />
          <TextField
            name="languages"
            label={t("fields.languages")}
            hint={t("new.languagesHint")}
            state={state}
          />
          <button type="submit" className="button button--primary">
            {t("new.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
