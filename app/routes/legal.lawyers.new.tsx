import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/forms";
import { CheckboxGroup } from "~/components/legal/fields";
import { createLawyer } from "~/domains/legal/lawyers.server";
import { PRACTICE_LICENCE_LENGTH } from "~/domains/legal/practice-licence";
import { consultationLanguages, lawyerSchema, topicCategories } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "legal", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:lawyer:organization");
  const t = await i18nServer.getFixedT(request, "legal");
  return { title: t("lawyerForm.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:lawyer:organization");
  const formData = await readFormData(request);
  const parsed = lawyerSchema.safeParse({
    ...Object.fromEntries(formData),
    specialties: formData.getAll("specialties"),
    languages: formData.getAll("languages"),
  });
  if (!parsed.success)
    return formFailure(
      formData,
      Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])),
    );
  const result = await createLawyer(await getDb(), {
    actor: { ...user.actor, ipAddress: clientIp(request) },
    lawyer: parsed.data,
  });
  if (!result.ok)
    return result.field
      ? formFailure(formData, { [result.field]: result.error })
      : formFailure(formData, {}, 409, result.error);
  return redirect("/legal?saved=1");
}

export default function NewLawyer() {
  const { t } = useTranslation("legal");
  const { title } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/legal">{t("firm.back")}</Link>
      </p>
      <h1>{title}</h1>
      <FormError state={state} />
      <Form method="post" className="panel" noValidate>
        <TextField name="name" label={t("fields.name")} state={state} required autoComplete="off" />
        <TextField
          name="practiceLicence"
          label={t("fields.practiceLicence")}
          hint={t("lawyerForm.licenceHint", { length: PRACTICE_LICENCE_LENGTH })}
          state={state}
          inputMode="numeric"
          required
          autoComplete="off"
        />
        <CheckboxGroup
          name="specialties"
          legend={t("fields.specialties")}
          state={state}
          options={topicCategories.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
        />
        <CheckboxGroup
          name="languages"
          legend={t("fields.languages")}
          state={state}
          checked={["普通话"]}
          options={consultationLanguages.map((language) => ({ value: language, label: language }))}
        />
        <TextField
          name="accountEmail"
          type="email"
          label={t("fields.account")}
          hint={t("lawyerForm.accountHint")}
          state={state}
          autoComplete="off"
        />
        <button type="submit" className="button">
          {t("lawyerForm.submit")}
        </button>
      </Form>
    </section>
  );
}
