import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, NewPasswordFields, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Honeypot } from "~/components/form/Honeypot";
import { listDistricts, registerOrganization } from "~/domains/accounts/accounts.server";
import { organizationKinds } from "~/domains/accounts/limits";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { organizationRegistrationSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import type { loader as rootLoader } from "~/root";
import { getDb } from "~/utils/db.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { requireAnonymous } from "~/utils/permissions.server";
import { limitPublicPost, retryAfterHeaders } from "~/utils/rate-limit.server";
import { linkContext } from "~/utils/request.server";

/** Passes on the Retry-After of a 429. */
export const headers = retryAfterHeaders;

export const handle = { i18n: ["common", "accounts", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("register.organizationTitle"), districts: await listDistricts(await getDb()) };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  await requireAnonymous(request);
  const parsed = await parseSubmission(request, organizationRegistrationSchema);
  if (!parsed.success) return parsed.failure;
  const limited = await limitPublicPost(request, parsed.formData, {
    address: publicPostLimits.registerIp,
    email: [publicPostLimits.registerEmail, parsed.data.email],
  });
  if (limited) return limited;
  const language = parsed.formData.get("language") === "en" ? "en" : "zh-CN";
  const result = await registerOrganization(
    await getDb(),
    { ...parsed.data, language },
    linkContext(request),
  );
  if (!result.ok) return submissionFailure(parsed.values, { [result.field]: result.error });
  return redirect(`/verify-email?email=${encodeURIComponent(parsed.data.email)}`);
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadOrganizationRegistrationSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.organizationRegistrationSchema);

export default function RegisterOrganization() {
  const { t } = useTranslation("accounts");
  const { districts } = useLoaderData<typeof loader>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "zh-CN";
  const form = useValidatedForm({
    schema: loadOrganizationRegistrationSchema,
    defaultValues: { kind: "enterprise" },
  });
  const kind = form.methods.watch("kind") as unknown;
  return (
    <section className="container page page--narrow">
      <h1>{t("register.organizationTitle")}</h1>
      <p>{t("registerOrganization.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <h2 className="h3">{t("registerOrganization.organizationSection")}</h2>
          <SelectField
            name="kind"
            label={t("registerOrganization.kind")}
            options={organizationKinds.map((value) => ({ value, label: t(`organizations.kinds.${value}`) }))}
          />
          <TextField
            name="organizationName"
            required
            maxLength={100}
            label={t("registerOrganization.name")}
          />
          <TextField
            name="creditCode"
            required
            maxLength={24}
            autoCapitalize="characters"
            label={t("organizations.creditCode")}
            hint={t("registerOrganization.creditCodeHint")}
          />
          <SelectField
            name="districtId"
            label={t("registerOrganization.district")}
            placeholder={t("registerOrganization.chooseDistrict")}
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
          <TextField
            name="address"
            required
            maxLength={200}
            autoComplete="street-address"
            label={t("registerOrganization.address")}
          />
          <TextField
            name="contactName"
            required
            maxLength={50}
            label={t("registerOrganization.contactName")}
          />
          <TextField
            name="contactPhone"
            required
            type="tel"
            autoComplete="tel"
            label={t("registerOrganization.contactPhone")}
          />
          {/* The pledge is asked of enterprises only (the schema agrees): law firms and social organizations see none. */}
          {kind === "enterprise" ? (
            <CheckboxField name="pledge" label={t("registerOrganization.pledge")} />
          ) : null}
          <h2 className="h3">{t("registerOrganization.accountSection")}</h2>
          <TextField
            name="displayName"
            required
            maxLength={50}
            autoComplete="name"
            label={t("fields.displayName")}
          />
          <TextField name="email" type="email" required autoComplete="email" label={t("fields.email")} />
          <NewPasswordFields
            label={t("fields.password")}
            confirmLabel={t("fields.passwordConfirm")}
            hint={t("hints.password")}
          />
          <input type="hidden" name="language" value={locale} />
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
