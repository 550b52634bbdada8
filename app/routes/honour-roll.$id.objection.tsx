import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel, typeName } from "~/components/awards/labels";
import { TextareaField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Honeypot } from "~/components/form/Honeypot";
import { SubmissionKey } from "~/components/SubmissionKey";
import { noticeEntry } from "~/domains/awards/honour-roll.server";
import { fileObjection } from "~/domains/awards/nominations.server";
import { objectionSchema } from "~/domains/awards/validation";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { notFound } from "~/utils/permissions.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";
import { periodKeyOf } from "~/domains/awards/periods";

export const handle = { i18n: ["common", "awards", "validation"] };
export const headers = retryAfterHeaders;

async function entryOf(id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) notFound();
  const entry = await noticeEntry(await getDb(), parsed.data);
  if (!entry) notFound();
  return entry;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const entry = await entryOf(params.id);
  const t = await i18nServer.getFixedT(request, "awards");
  return { title: t("objectionForm.title"), entry, submissionKey: newSubmissionKey() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "robots", content: "noindex" },
];

/**
 * Anyone may object during the notice (a name and a way to reach them; limited per address). The
 * form's idempotency key is kept with the objection: a double click or a replay files it once.
 */
export async function action({ request, params }: ActionFunctionArgs) {
  const entry = await entryOf(params.id);
  const parsed = await parseSubmission(request, objectionSchema);
  if (!parsed.success) return parsed.failure;
  if (parsed.formData.get("website"))
    return submissionFailure(parsed.values, {}, { formError: "awards:errors.notFound" });
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  const limited = await limitPublicPost(request, parsed.formData, { address: publicPostLimits.objectionIp });
  if (limited) return limited;
  const result = await fileObjection(await getDb(), {
    nominationId: entry.id,
    ...parsed.data,
    submissionKey: key,
  });
  if (!result.ok) notFound();
  return redirectWithFlash(request, "/honour-roll", {
    kind: "success",
    message: "awards:objectionForm.filed",
  });
}

const loadObjectionSchema = () =>
  import("~/domains/awards/validation").then((module) => module.objectionSchema);

export default function ObjectionForm() {
  const { t, i18n } = useTranslation(["awards", "validation"]);
  const { title, entry, submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadObjectionSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/honour-roll">{t("roll.title")}</Link>
      </p>
      <h1>{title}</h1>
      <p>
        {t("objectionForm.about", {
          name: entry.name,
          type: typeName(entry, i18n.language),
          period: periodLabel(t, periodKeyOf(entry.periodStart, entry.periodEnd)),
        })}
      </p>
      <div className="panel">
        <p className="field__hint">{t("objectionForm.lead")}</p>
        <ValidatedForm form={form}>
          <Honeypot />
          <SubmissionKey value={submissionKey} />
          <TextField name="filerName" label={t("objectionForm.name")} required maxLength={40} />
          <TextField
            name="filerContact"
            label={t("objectionForm.contact")}
            hint={t("objectionForm.contactHint")}
            required
            maxLength={80}
          />
          <TextareaField name="body" label={t("objectionForm.body")} rows={6} maxLength={2000} />
          <SubmitButton>{t("objectionForm.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
