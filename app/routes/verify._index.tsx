import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/forms";
import { isAwardNumber } from "~/domains/awards/nominations.server";
import { isCertificateNumber, normalizeCertificateNumber } from "~/domains/volunteers/certificates.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { i18nServer } from "~/i18n.server";
import { parseForm } from "~/utils/forms.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "certificates", "validation"] };

const verifySchema = z.object({
  number: z
    .string({ error: "validation:certificateNumber.invalid" })
    .transform(normalizeCertificateNumber)
    .refine((number) => isCertificateNumber(number) || isAwardNumber(number), {
      error: "validation:certificateNumber.invalid",
    }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "certificates");
  return { title: t("pages.verify.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** Anyone (an employer, a school) can check a certificate by its number; nothing else is searchable. */
export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, verifySchema);
  if (!parsed.success) return parsed.failure;
  const limited = await limitPublicPost(request, parsed.formData, {
    address: publicPostLimits.certificateIp,
  });
  if (limited) return limited;
  return redirect(`/verify/${parsed.data.number}`);
}

export default function VerifyCertificate() {
  const { t } = useTranslation("certificates");
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("pages.verify.lead")}</p>
      <div className="panel">
        <Form method="post" className="form" noValidate>
          <TextField
            name="number"
            required
            autoComplete="off"
            label={t("pages.fields.number")}
            hint={t("pages.verify.numberHint")}
            state={state}
          />
          <button type="submit" className="button button--primary">
            {t("pages.verify.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
