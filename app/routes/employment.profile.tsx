import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  CheckboxGroupField,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
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
import { employmentActorOf } from "~/utils/employment.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "employment", "validation"] };

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
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requirePermission(request, "manage:enterprise-profile:organization");
  const parsed = await parseSubmission(request, enterpriseProfileSchema);
  if (!parsed.success) return parsed.failure;
  await saveEnterpriseProfile(await getDb(), {
    actor: employmentActorOf(user, request),
    profile: parsed.data,
  });
  return redirectWithFlash(request, "/employment/profile", {
    kind: "success",
    message: "employment:profile.saved",
  });
});

const loadProfileSchema = () =>
  import("~/domains/employment/validation").then((module) => module.enterpriseProfileSchema);

export default function EnterpriseProfile() {
  const { t, i18n } = useTranslation("employment");
  const data = useLoaderData<typeof loader>();
  const profile = data.profile;
  const form = useValidatedForm({
    schema: loadProfileSchema,
    defaultValues: {
      industry: profile?.industry ?? "manufacturing",
      size: profile?.size ?? "small",
      contactName: profile?.contactName ?? "",
      contactPhone: profile?.contactPhone ?? "",
      contactEmail: profile?.contactEmail ?? "",
      description: profile?.description ?? "",
    },
  });
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("profile.lead", { name: data.name })}</p>
      {!profile ? <Notice>{t("profile.firstTime")}</Notice> : null}
      <div className="panel">
        <ValidatedForm form={form}>
          <SelectField
            name="industry"
            label={t("profile.industry")}
            options={industries.map((value) => ({ value, label: t(`industries.${value}`) }))}
          />
          <SelectField
            name="size"
            label={t("profile.size")}
            options={enterpriseSizes.map((value) => ({ value, label: t(`sizes.${value}`) }))}
          />
          <CheckboxGroupField
            name="hiringDistrictIds"
            label={t("profile.hiringDistricts")}
            defaultValue={profile?.hiringDistrictIds ?? (data.homeDistrictId ? [data.homeDistrictId] : [])}
            options={data.districts.map((district) => ({ value: district.id, label: district.name }))}
          />
          <TextField name="contactName" label={t("profile.contactName")} required maxLength={50} />
          <TextField name="contactPhone" type="tel" label={t("profile.contactPhone")} required />
          <TextField name="contactEmail" type="email" label={t("profile.contactEmail")} />
          <TextareaField name="description" label={t("profile.description")} maxLength={1000} />
          <fieldset className="field">
            <legend>{t("pledge.title")}</legend>
            <p>{t("pledge.text")}</p>
            <CheckboxField name="pledge" label={t("pledge.accept")} />
            {profile ? (
              <p className="field__hint">
                {t("pledge.signedAt", { date: formatDateTime(profile.pledgeSignedAt, i18n.language) })}
              </p>
            ) : null}
          </fieldset>
          <SubmitButton>{t("profile.save")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
