import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Honeypot, Notice, TextField } from "~/components/forms";
import { login } from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { loginSchema } from "~/domains/accounts/validation";
import { getDb } from "~/utils/db.server";
import { deviceCookie, readDeviceToken } from "~/utils/device.server";
import { formFailure, parseForm, searchParamsOf } from "~/utils/forms.server";
import { i18nServer } from "~/i18n.server";
import { requireAnonymous } from "~/utils/permissions.server";
import { limitPublicPost, tooManyRequests, retryAfterHeaders } from "~/utils/rate-limit.server";
import { safeRedirectPath } from "~/utils/redirect";
import { linkContext, userAgent } from "~/utils/request.server";
import { clientIp, sessionCookie } from "~/utils/session.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("login.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const parsed = await parseForm(request, loginSchema);
  if (!parsed.success) return parsed.failure;
  const { data, formData } = parsed;
  const limited = await limitPublicPost(request, formData, { address: publicPostLimits.loginIp });
  if (limited) return limited;
  const redirectTo = safeRedirectPath(searchParamsOf(request).get("redirectTo"), "/dashboard");
  const result = await login(
    await getDb(),
    {
      email: data.email,
      password: data.password,
      ipAddress: clientIp(request),
      userAgent: userAgent(request),
      deviceToken: readDeviceToken(request),
    },
    linkContext(request),
  );
  switch (result.status) {
    case "rateLimited":
      return tooManyRequests(formData, result.retryAfterSeconds, "accounts:login.rateLimited");
    case "invalid":
      return formFailure(formData, {}, 400, "accounts:login.invalid");
    case "unverified":
      return redirect(`/verify-email?email=${encodeURIComponent(data.email)}`);
    case "ok": {
      const headers = new Headers({ "Set-Cookie": sessionCookie(request, result.token, result.expiresAt) });
      if (result.deviceToken) headers.append("Set-Cookie", deviceCookie(request, result.deviceToken));
      return redirect(
        result.twoFactor === "none"
          ? redirectTo
          : `/login/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`,
        { headers },
      );
    }
  }
}

export default function Login() {
  const { t } = useTranslation("accounts");
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = params.get("notice");
  return (
    <section className="container page page--narrow">
      <h1>{t("login.title")}</h1>
      {notice === "password-changed" ? <Notice kind="success">{t("login.passwordChanged")}</Notice> : null}
      {notice === "logged-out" ? <Notice kind="success">{t("login.loggedOut")}</Notice> : null}
      {notice === "two-factor-ended" ? <Notice kind="error">{t("login.twoFactorEnded")}</Notice> : null}
      {notice === "verified" ? <Notice kind="success">{t("verify.done")}</Notice> : null}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <TextField
            name="email"
            type="email"
            autoComplete="username"
            required
            label={t("fields.email")}
            state={state}
          />
          <TextField
            name="password"
            type="password"
            autoComplete="current-password"
            required
            label={t("fields.password")}
            state={state}
          />
          <Honeypot />
          <button type="submit" className="button button--primary">
            {t("login.submit")}
          </button>
        </Form>
      </div>
      <p className="form-links">
        <Link to="/forgot-password">{t("login.forgot")}</Link>
        <Link to="/register">{t("login.register")}</Link>
      </p>
    </section>
  );
}
