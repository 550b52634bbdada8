import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Honeypot } from "~/components/form/Honeypot";
import { login } from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { loginSchema } from "~/domains/accounts/validation";
import { getDb } from "~/utils/db.server";
import { deviceCookie, readDeviceToken } from "~/utils/device.server";
import { parseSubmission, searchParamsOf, submissionFailure } from "~/utils/forms.server";
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
  const parsed = await parseSubmission(request, loginSchema);
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
      return submissionFailure(formData, {}, { formError: "accounts:login.invalid" });
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

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadLoginSchema = () => import("~/domains/accounts/validation").then((module) => module.loginSchema);

export default function Login() {
  const { t } = useTranslation("accounts");
  const form = useValidatedForm({ schema: loadLoginSchema });
  return (
    <section className="container page page--narrow">
      <h1>{t("login.title")}</h1>
      <div className="panel">
        <ValidatedForm form={form}>
          <TextField name="email" type="email" autoComplete="username" required label={t("fields.email")} />
          <TextField
            name="password"
            type="password"
            autoComplete="current-password"
            required
            label={t("fields.password")}
          />
          <Honeypot />
          <SubmitButton>{t("login.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
      <p className="form-links">
        <Link to="/forgot-password">{t("login.forgot")}</Link>
        <Link to="/register">{t("login.register")}</Link>
      </p>
    </section>
  );
}
