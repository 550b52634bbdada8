import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Honeypot } from "~/components/form/Honeypot";
import { Notice } from "~/components/Notice";
import { requestPasswordReset } from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { passwordResetRequestSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { afterResponse } from "~/utils/after-response.server";
import { getDb } from "~/utils/db.server";
import { parseSubmission } from "~/utils/forms.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
import { linkContext } from "~/utils/request.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("forgot.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseSubmission(request, passwordResetRequestSchema);
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  const limited = await limitPublicPost(request, formData, {
    address: publicPostLimits.resetIp,
    email: [publicPostLimits.resetEmail, data.email],
  });
  if (limited) return limited;
  // Identical for known and unknown emails, after identical work: the lookup and mail come after.
  const [db, links] = [await getDb(), linkContext(request)];
  afterResponse(() => requestPasswordReset(db, data.email, links));
  return { sent: true as const };
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadPasswordResetRequestSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.passwordResetRequestSchema);

export default function ForgotPassword() {
  const { t } = useTranslation("accounts");
  const form = useValidatedForm({ schema: loadPasswordResetRequestSchema });
  const state = useActionData<typeof action>();
  return (
    <section className="container page page--narrow">
      <h1>{t("forgot.title")}</h1>
      {state && "sent" in state ? (
        <Notice kind="success">{t("forgot.sent")}</Notice>
      ) : (
        <>
          <p>{t("forgot.lead")}</p>
          <div className="panel">
            <ValidatedForm form={form}>
              <TextField name="email" type="email" autoComplete="email" required label={t("fields.email")} />
              <Honeypot />
              <SubmitButton>{t("forgot.submit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      )}
    </section>
  );
}
