import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, SelectField, TextAreaField } from "~/components/employment/fields";
import { FormError, TextField } from "~/components/forms";
import {
  getEnterpriseProfile,
  listDistricts,
  saveEnterpriseProfile,
} from "~/domains/employment/enterprise.server";
import { enterpriseSizes, industries } from "~/domains/employment/taxonomy";
import { enterpriseProfileSchema } from "~/domains/employment/validation";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { employmentActorOf, parseEmploymentForm } from "~/utils/employment.server";
import { requirePermission } from "~/utils/permissions.server";
import { readFormData, searchParamsOf } from "~/utils/forms.server";

export const handle = { i18n: ["common", "employment"] };

export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requirePermission(request, "manage:enterprise-profile:organization");
  const db = await getDb();
  const [enterprise, districts] = await Promise.all([
    getEnterpriseProfile(db, user.actor),
    listDistricts(db),
  ]);
  const t = await i18nServer.getFixedT(request, "employment");
  return {
    title: t("profile.title"),
    name: enterprise.name,
    profile: enterprise.profile
      ? {
          industry: enterprise.profile.industry,
          size: enterprise.profile.size,
          hiringDistrictIds: enterprise.profile.hiringDistrictIds,
          contactName: enterprise.profile.contactName,
          contactPhone: enterprise.profile.contactPhone,
          contactEmail: enterprise.profile.contactEmail ?? "",
          description: enterprise.profile.description,
          pledgeSignedAt: enterprise.profile.pledgeSignedAt.toISOString(),
        }
      : null,
    homeDistrictId: enterprise.districtId,
    districts,
    saved: searchParamsOf(request).has("saved"),
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "manage:enterprise-profile:organization");
  const formData = await readFormData(request);
  const parsed = parseEmploymentForm(formData, enterpriseProfileSchema, ["hiringDistrictIds"]);
  if (!parsed.success) return parsed.failure;
  await saveEnterpriseProfile(await getDb(), {
    actor: employmentActorOf(user, request),
    profile: parsed.data,
  });
  return redirect("/employment/profile?saved=1");
});

export default function EnterpriseProfile() {
  const { t, i18n } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const profile = data.profile;
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("profile.lead", { name: data.name })}</p>
      {data.saved ? (
        <div className="alert alert--success" role="status">
          {t("profile.saved")}
        </div>
      ) : null}
      {!profile ? (
        <div className="alert alert--info" role="status">
          {t("profile.firstTime")}
        </div>
      ) : null}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <SelectField
            name="industry"
            label={t("profile.industry")}
            state={state}
            defaultValue={profile?.industry ?? "manufacturing"}
            options={industries.map((value) => ({ value, label: t(`industries.${value}`) }))}
          />
          <SelectField
            name="size"
            label={t("profile.size")}
            state={state}
            defaultValue={profile?.size ?? "small"}
            options={enterpriseSizes.map((value) => ({ value, label: t(`sizes.${value}`) }))}
          />
          <CheckboxGroup
            name="hiringDistrictIds"
            legend={t("profile.hiringDistricts")}
            state={state}
            checked={profile?.hiringDistrictIds ?? (data.homeDistrictId ? [data.homeDistrictId] : [])}
            options={data.districts.map((district) => ({ value: district.id, label: district.name }))}
          />
          <TextField
            name="contactName"
            label={t("profile.contactName")}
            required
            maxLength={50}
            state={state}
            defaultValue={profile?.contactName}
          />
          <TextField
            name="contactPhone"
            type="tel"
            label={t("profile.contactPhone")}
            required
            state={state}
            defaultValue={profile?.contactPhone}
          />
          <TextField
            name="contactEmail"
            type="email"
            label={t("profile.contactEmail")}
            state={state}
            defaultValue={profile?.contactEmail}
          />
          <TextAreaField
            name="description"
            label={t("profile.description")}
            maxLength={1000}
            state={state}
            defaultValue={profile?.description}
          />
          <fieldset className={`field${state?.errors?.pledge ? " field--invalid" : ""}`}>
            <legend>{t("pledge.title")}</legend>
            <p>{t("pledge.text")}</p>
            <label className="checkbox">
              <input
                type="checkbox"
                name="pledge"
                value="on"
                aria-describedby={state?.errors?.pledge ? "field-pledge-error" : undefined}
              />{" "}
              {t("pledge.accept")}
            </label>
            {state?.errors?.pledge ? (
              <p className="field__error" id="field-pledge-error" role="alert">
                {t(state.errors.pledge)}
              </p>
            ) : null}
            {profile ? (
              <p className="field__hint">
                {t("pledge.signedAt", { date: formatDateTime(profile.pledgeSignedAt, i18n.language) })}
              </p>
            ) : null}
          </fieldset>
          <button type="submit" className="button button--primary">
            {t("profile.save")}
          </button>
        </Form>
      </div>
    </section>
  );
}
