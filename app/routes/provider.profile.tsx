import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, CheckboxGroupField, NumberField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { CategoryChoices, ServiceAreaChoices } from "~/components/matching/ProviderFields";
import { Notice } from "~/components/Notice";
import { kindServes, serviceCategories } from "~/domains/matching/taxonomy";
import { providerProfile, saveProviderProfile } from "~/domains/matching/providers.server";
import { workerGenders } from "~/domains/matching/options";
import { providerProfileSchema } from "~/domains/matching/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "matching", "validation"] };

export const loader = withDomainErrors(async ({ request }: LoaderFunctionArgs) => {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "manage:provider-profile");
  const profile = await providerProfile(await getDb(), user.actor, scope);
  const t = await i18nServer.getFixedT(request, "matching");
  if (!profile) return { title: t("profile.title"), eligible: false as const };
  return {
    eligible: true as const,
    title: t("profile.title"),
    kind: profile.party.kind,
    name: profile.party.name,
    offices: profile.offices,
    provider: profile.provider && {
      categoryIds: profile.provider.categoryIds,
      officeIds: profile.provider.officeIds,
      coversDistrict: profile.provider.coversDistrict,
      languages: profile.provider.languages,
      workerGenders: profile.provider.workerGenders,
      capacity: profile.provider.capacity,
      activeCases: profile.provider.activeCases,
      paused: profile.provider.status === "paused",
    },
  };
});

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export const action = withDomainErrors(async ({ request }: ActionFunctionArgs) => {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "manage:provider-profile");
  const parsed = await parseSubmission(request, providerProfileSchema);
  if (!parsed.success) return parsed.failure;
  // Saving again is harmless (the declaration is replaced), so this form needs no idempotency key.
  const result = await saveProviderProfile(
    await getDb(),
    { ...user.actor, ipAddress: clientIp(request) },
    scope,
    parsed.data,
  );
  if (!result.ok)
    return result.field === "form"
      ? submissionFailure(parsed.values, {}, { formError: result.error })
      : submissionFailure(parsed.values, { [result.field]: result.error });
  return redirectWithFlash(request, "/provider/profile", {
    kind: "success",
    message: "matching:profile.saved",
  });
});

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadProfileSchema = () =>
  import("~/domains/matching/validation").then((module) => module.providerProfileSchema);

export default function ProviderProfile() {
  const { t } = useTranslation("matching");
  const loaded = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadProfileSchema });
  if (!loaded.eligible)
    return (
      <section className="container page page--narrow">
        <h1>{loaded.title}</h1>
        <Notice>{t("profile.notApproved")}</Notice>
      </section>
    );
  const data = loaded;
  const provider = data.provider;
  const topIds = serviceCategories
    .filter((category) => category.parentId === null && kindServes(data.kind, category.id))
    .map((category) => category.id);
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("profile.lead", { name: data.name })}</p>
      {provider ? (
        <p>{t("profile.load", { active: provider.activeCases, capacity: provider.capacity })}</p>
      ) : (
        <Notice>{t("profile.first")}</Notice>
      )}
      <div className="panel">
        <ValidatedForm form={form}>
          <CategoryChoices
            topIds={topIds}
            saved={provider?.categoryIds ?? []}
            legend={t("profile.categories")}
            hint={t("profile.categoriesHint")}
          />
          <ServiceAreaChoices
            offices={data.offices}
            savedOfficeIds={provider?.officeIds ?? []}
            savedCoversDistrict={provider?.coversDistrict ?? true}
            legend={t("profile.area")}
            districtLabel={t("profile.coversDistrict")}
          />
          <TextField
            name="languages"
            label={t("fields.languages")}
            hint={t("profile.languagesHint")}
            defaultValue={(provider?.languages ?? ["普通话"]).join("、")}
          />
          <CheckboxGroupField
            name="workerGenders"
            label={t("profile.workerGenders")}
            hint={t("profile.workerGendersHint")}
            defaultValue={provider?.workerGenders ?? []}
            options={workerGenders.map((gender) => ({ value: gender, label: t(`workerGenders.${gender}`) }))}
          />
          <NumberField
            name="capacity"
            required
            label={t("fields.capacity")}
            hint={t("profile.capacityHint")}
            defaultValue={String(provider?.capacity ?? 3)}
          />
          <CheckboxField
            name="paused"
            label={t("profile.paused")}
            defaultChecked={provider?.paused ?? false}
          />
          <SubmitButton>{t("profile.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
