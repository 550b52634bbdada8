import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { certificateLookupSchema } from "~/domains/volunteers/certificate-number";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { i18nServer } from "~/i18n.server";
import { parseSubmission } from "~/utils/forms.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "certificates", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "certificates");
  return { title: t("pages.verify.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Anyone (an employer, a school) can check a certificate by its number; nothing else is searchable. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseSubmission(request, certificateLookupSchema);
  if (!parsed.success) return parsed.failure;
  const limited = await limitPublicPost(request, parsed.formData, {
    address: publicPostLimits.certificateIp,
  });
  if (limited) return limited;
  return redirect(`/verify/${parsed.data.number}`);
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadLookupSchema = () =>
  import("~/domains/volunteers/certificate-number").then((module) => module.certificateLookupSchema);

export default function VerifyCertificate() {
  const { t } = useTranslation("certificates");
  const data = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadLookupSchema });
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("pages.verify.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <TextField
            name="number"
            required
            autoComplete="off"
            label={t("pages.fields.number")}
            hint={t("pages.verify.numberHint")}
          />
          <SubmitButton>{t("pages.verify.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
