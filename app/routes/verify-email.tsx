import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/form/fields";
import { isFailure, useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import {
  resendVerification,
  verifyEmailByCode,
  verifyEmailByToken,
} from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { emailVerificationSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
import { linkContext } from "~/utils/request.server";
import { redirectWithFlash } from "~/utils/flash.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "accounts", "validation"] };

/** Opening the emailed link only shows a button: mail scanners that prefetch links verify nothing. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const t = await i18nServer.getFixedT(request, "accounts");
  return {
    title: t("verify.title"),
    email: url.searchParams.get("email") ?? "",
    token: url.searchParams.get("token") ?? "",
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

/** The page's forms: the emailed link's button (its refusal shows above the page) and the code form. */
const LINK_FORM = "link";
const CODE_FORM = "code";

export async function action({ request }: ActionFunctionArgs) {
  const db = await getDb();
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  const verified = () =>
    redirectWithFlash(request, "/login", { kind: "success", message: "accounts:verify.done" });
  if (intent === "link") {
    const token = String(formData.get("token") ?? "");
    return (await verifyEmailByToken(db, token))
      ? verified()
      : submissionFailure(formData, {}, { formError: "accounts:verify.linkInvalid", form: LINK_FORM });
  }
  if (intent === "resend") {
    const email = z.email().safeParse(
      String(formData.get("email") ?? "")
        .trim()
        .toLowerCase(),
    );
    const limited = await limitPublicPost(request, formData, {
      address: publicPostLimits.verifyEmailIp,
      email: email.success ? [publicPostLimits.verifyEmailEmail, email.data] : undefined,
    });
    if (limited) return limited;
    if (email.success) await resendVerification(db, email.data, linkContext(request));
    // The same answer whether or not the address has an account waiting.
    const back = email.success ? `/verify-email?email=${encodeURIComponent(email.data)}` : "/verify-email";
    return redirectWithFlash(request, back, { kind: "success", message: "accounts:verify.resent" });
  }
  if (intent !== CODE_FORM) throw new Response("Bad Request", { status: 400 });
  const parsed = await validateSubmission(formData, emailVerificationSchema, CODE_FORM);
  if (!parsed.success) return parsed.failure;
  const { data } = parsed;
  const limited = await limitPublicPost(request, formData, {
    address: publicPostLimits.verifyEmailIp,
    email: [publicPostLimits.verifyEmailEmail, data.email],
  });
  if (limited) return limited;
  if (!(await verifyEmailByCode(db, data.email, data.code)))
    return submissionFailure(parsed.values, { code: "accounts:verify.invalid" }, { form: CODE_FORM });
  return verified();
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadVerificationSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.emailVerificationSchema);

export default function VerifyEmail() {
  const { t } = useTranslation("accounts");
  const { email, token } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const linkRefused = isFailure(answer) && answer.form === LINK_FORM ? answer.formError : undefined;
  const form = useValidatedForm({
    schema: loadVerificationSchema,
    id: CODE_FORM,
    defaultValues: { email },
  });
  return (
    <section className="container page page--narrow">
      <h1>{t("verify.title")}</h1>
      {linkRefused ? <Notice kind="error">{t(linkRefused)}</Notice> : null}
      {token ? (
        <Form method="post" className="panel form">
          <input type="hidden" name="token" value={token} />
          <SubmitButton name="intent" value="link">
            {t("verify.submit")}
          </SubmitButton>
        </Form>
      ) : (
        <>
          <p>{t("verify.sent")}</p>
          <div className="panel">
            <ValidatedForm form={form}>
              <input type="hidden" name="intent" value="code" />
              <TextField name="email" type="email" autoComplete="email" required label={t("fields.email")} />
              <TextField
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                label={t("fields.code")}
                hint={t("hints.code")}
              />
              <SubmitButton>{t("verify.submit")}</SubmitButton>
            </ValidatedForm>
          </div>
          <Form method="post" className="form-links">
            <input type="hidden" name="email" value={email} />
            <SubmitButton name="intent" value="resend" className="button">
              {t("verify.resend")}
            </SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}
