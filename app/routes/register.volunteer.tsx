import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Honeypot, TextField } from "~/components/forms";
import { registerVolunteer } from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { volunteerRegistrationSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import type { loader as rootLoader } from "~/root";
import { getDb } from "~/utils/db.server";
import { parseForm } from "~/utils/forms.server";
import { requireAnonymous } from "~/utils/permissions.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
import { linkContext } from "~/utils/request.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("register.volunteerTitle") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = await parseForm(request, volunteerRegistrationSchema);
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  const limited = await limitPublicPost(request, formData, {
    address: publicPostLimits.registerIp,
    email: [publicPostLimits.registerEmail, data.email],
  });
  if (limited) return limited;
  await registerVolunteer(
    await getDb(),
    { displayName: data.displayName, email: data.email, password: data.password, language: data.language },
    linkContext(request),
  );
  // The same answer whether or not the email already had an account.
  return redirect(`/verify-email?email=${encodeURIComponent(data.email)}`);
}

export default function RegisterVolunteer() {
  const { t } = useTranslation("accounts");
  const state = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "zh-CN";
  const termsError = state?.errors?.acceptTerms;
  return (
    <section className="container page page--narrow">
      <h1>{t("register.volunteerTitle")}</h1>
      <p>{t("register.volunteerLead")}</p>
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <TextField
            name="displayName"
            autoComplete="name"
            required
            maxLength={50}
            label={t("fields.displayName")}
            state={state}
          />
          <TextField
            name="email"
            type="email"
            autoComplete="email"
            required
            label={t("fields.email")}
            state={state}
          />
          <TextField
            name="password"
            type="password"
            autoComplete="new-password"
            required
            label={t("fields.password")}
            hint={t("hints.password")}
            state={state}
          />
          <TextField
            name="passwordConfirm"
            type="password"
            autoComplete="new-password"
            required
            label={t("fields.passwordConfirm")}
            state={state}
          />
          <input type="hidden" name="language" value={locale} />
          <div className={`field${termsError ? " field--invalid" : ""}`}>
            <div className="checkbox">
              <input
                id="field-acceptTerms"
                type="checkbox"
                name="acceptTerms"
                value="on"
                aria-invalid={termsError ? true : undefined}
                aria-describedby={termsError ? "field-acceptTerms-error" : undefined}
              />
              <label htmlFor="field-acceptTerms">{t("fields.acceptTerms")}</label>
            </div>
            {termsError ? (
              <p className="field__error" id="field-acceptTerms-error" role="alert">
                {t(termsError)}
              </p>
            ) : null}
          </div>
          <Honeypot />
          <button type="submit" className="button button--primary">
            {t("register.submit")}
          </button>
        </Form>
      </div>
      <p className="form-links">
        <Link to="/login">{t("register.haveAccount")}</Link>
      </p>
    </section>
  );
}
