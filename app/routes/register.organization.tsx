import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError, Honeypot, TextField } from "~/components/forms";
import { listDistricts, registerOrganization } from "~/domains/accounts/accounts.server";
import { organizationKinds } from "~/domains/accounts/limits";
import { publicPostLimits } from "~/domains/accounts/request-limits";
import { organizationRegistrationSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import type { loader as rootLoader } from "~/root";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
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
  const parsed = await parseForm(request, organizationRegistrationSchema);
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
  if (!result.ok) return formFailure(parsed.formData, { [result.field]: result.error });
  return redirect(`/verify-email?email=${encodeURIComponent(parsed.data.email)}`);
}

function SelectField({
  name,
  label,
  options,
  error,
  defaultValue,
  onChange,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  error?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
        onChange={(event) => onChange?.(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" id={`field-${name}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export default function RegisterOrganization() {
  const { t } = useTranslation("accounts");
  const { districts } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const locale = useRouteLoaderData<typeof rootLoader>("root")?.locale ?? "zh-CN";
  const [kind, setKind] = useState(state?.values.kind ?? "enterprise");
  const pledgeError = state?.errors.pledge;
  return (
    <section className="container page page--narrow">
      <h1>{t("register.organizationTitle")}</h1>
      <p>{t("registerOrganization.lead")}</p>
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <h2 className="h3">{t("registerOrganization.organizationSection")}</h2>
          <SelectField
            name="kind"
            label={t("registerOrganization.kind")}
            defaultValue={kind}
            onChange={setKind}
            error={state?.errors.kind}
            options={organizationKinds.map((value) => ({ value, label: t(`organizations.kinds.${value}`) }))}
          />
          <TextField
            name="organizationName"
            required
            maxLength={100}
            label={t("registerOrganization.name")}
            state={state}
          />
          <TextField
            name="creditCode"
            required
            maxLength={24}
            autoCapitalize="characters"
            label={t("organizations.creditCode")}
            hint={t("registerOrganization.creditCodeHint")}
            state={state}
          />
          <SelectField
            name="districtId"
            label={t("registerOrganization.district")}
            defaultValue={state?.values.districtId ?? ""}
            error={state?.errors.districtId}
            options={[
              { value: "", label: t("registerOrganization.chooseDistrict") },
              ...districts.map((d) => ({ value: d.id, label: d.name })),
            ]}
          />
          <TextField
            name="address"
            required
            maxLength={200}
            autoComplete="street-address"
            label={t("registerOrganization.address")}
            state={state}
          />
          <TextField
            name="contactName"
            required
            maxLength={50}
            label={t("registerOrganization.contactName")}
            state={state}
          />
          <TextField
            name="contactPhone"
            required
            type="tel"
            autoComplete="tel"
            label={t("registerOrganization.contactPhone")}
            state={state}
          />
          {kind === "enterprise" || pledgeError ? (
            <div className={`field${pledgeError ? " field--invalid" : ""}`}>
              <div className="checkbox">
                <input
                  id="field-pledge"
                  type="checkbox"
                  name="pledge"
                  value="on"
                  aria-invalid={pledgeError ? true : undefined}
                  aria-describedby={pledgeError ? "field-pledge-error" : undefined}
                />
                <label htmlFor="field-pledge">{t("registerOrganization.pledge")}</label>
              </div>
              {pledgeError ? (
                <p className="field__error" id="field-pledge-error" role="alert">
                  {t(pledgeError)}
                </p>
              ) : null}
            </div>
          ) : null}
          <h2 className="h3">{t("registerOrganization.accountSection")}</h2>
          <TextField
            name="displayName"
            required
            maxLength={50}
            autoComplete="name"
            label={t("fields.displayName")}
            state={state}
          />
          <TextField
            name="email"
            type="email"
            required
            autoComplete="email"
            label={t("fields.email")}
            state={state}
          />
          <TextField
            name="password"
            type="password"
            required
            autoComplete="new-password"
            label={t("fields.password")}
            hint={t("hints.password")}
            state={state}
          />
          <TextField
            name="passwordConfirm"
            type="password"
            required
            autoComplete="new-password"
            label={t("fields.passwordConfirm")}
            state={state}
          />
          <input type="hidden" name="language" value={locale} />
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
