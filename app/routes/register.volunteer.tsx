import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, NewPasswordFields, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Honeypot } from "~/components/form/Honeypot";
import { registerVolunteer } from "~/domains/accounts/accounts.server";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { volunteerRegistrationSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import type { loader as rootLoader } from "~/root";
import { getDb } from "~/utils/db.server";
import { parseSubmission } from "~/utils/forms.server";
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
  const parsed = await parseSubmission(request, volunteerRegistrationSchema);
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

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadVolunteerRegistrationSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.volunteerRegistrationSchema);

export default function RegisterVolunteer() {
  const { t } = useTranslation("accounts");
  const form = useValidatedForm({ schema: loadVolunteerRegistrationSchema });
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "zh-CN";
  return (
    <section className="container page page--narrow">
      <h1>{t("register.volunteerTitle")}</h1>
      <p>{t("register.volunteerLead")}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <TextField
            name="displayName"
            autoComplete="name"
            required
            maxLength={50}
            label={t("fields.displayName")}
          />
          <TextField name="email" type="email" autoComplete="email" required label={t("fields.email")} />
          <NewPasswordFields
            label={t("fields.password")}
            confirmLabel={t("fields.passwordConfirm")}
            hint={t("hints.password")}
          />
          <input type="hidden" name="language" value={locale} />
          <CheckboxField name="acceptTerms" label={t("fields.acceptTerms")} />
          <Honeypot />
          <SubmitButton>{t("register.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
      <p className="form-links">
        <Link to="/login">{t("register.haveAccount")}</Link>
      </p>
    </section>
  );
}
