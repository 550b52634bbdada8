import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { periodLabel, typeName } from "~/components/awards/labels";
import { FormError, Honeypot, Notice, TextField } from "~/components/forms";
import { noticeEntry } from "~/domains/awards/honour-roll.server";
import { fileObjection } from "~/domains/awards/nominations.server";
import { objectionSchema } from "~/domains/awards/validation";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { notFound } from "~/utils/permissions.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
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
  return { title: t("objectionForm.title"), entry };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "robots", content: "noindex" },
];

/** Anyone may object during the notice (a name and a way to reach them; limited per address). */
export async function action({ request, params }: ActionFunctionArgs) {
  const entry = await entryOf(params.id);
  const parsed = await parseForm(request, objectionSchema);
  if (!parsed.success) return parsed.failure;
  if (parsed.formData.get("website")) return formFailure(parsed.formData, {}, 400, "awards:errors.notFound");
  const limited = await limitPublicPost(request, parsed.formData, { address: publicPostLimits.objectionIp });
  if (limited) return limited;
  const result = await fileObjection(await getDb(), { nominationId: entry.id, ...parsed.data });
  if (!result.ok) notFound();
  return { filed: true as const };
}

export default function ObjectionForm() {
  const { t, i18n } = useTranslation(["awards", "validation"]);
  const { title, entry } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const failure = state && "errors" in state ? state : undefined;
  const bodyError = failure?.errors?.body;
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
      {state && "filed" in state ? (
        <Notice kind="success">{t("objectionForm.filed")}</Notice>
      ) : (
        <div className="panel">
          <p className="field__hint">{t("objectionForm.lead")}</p>
          <FormError state={failure} />
          <Form method="post" className="form" noValidate>
            <Honeypot />
            <TextField
              name="filerName"
              label={t("objectionForm.name")}
              state={failure}
              required
              maxLength={40}
            />
            <TextField
              name="filerContact"
              label={t("objectionForm.contact")}
              hint={t("objectionForm.contactHint")}
              state={failure}
              required
              maxLength={80}
            />
            <div className={`field${bodyError ? " field--invalid" : ""}`}>
              <label htmlFor="field-body">{t("objectionForm.body")}</label>
              <textarea
                id="field-body"
                name="body"
                rows={6}
                maxLength={2000}
                defaultValue={failure?.values?.body}
                aria-invalid={bodyError ? true : undefined}
                aria-describedby={bodyError ? "field-body-error" : undefined}
              />
              {bodyError ? (
                <p className="field__error" id="field-body-error" role="alert">
                  {t(bodyError)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--primary">
              {t("objectionForm.submit")}
            </button>
          </Form>
        </div>
      )}
    </section>
  );
}
