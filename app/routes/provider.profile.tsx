import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { kindServes, serviceCategories, categoryLabel } from "~/domains/matching/taxonomy";
import { providerProfile, saveProviderProfile } from "~/domains/matching/providers.server";
import { PROVIDER_CAPACITY_MAX, workerGenders } from "~/domains/matching/options";
import { providerProfileSchema } from "~/domains/matching/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { withDomainErrors } from "~/utils/domain-errors.server";
import { formFailure, readFormData } from "~/utils/forms.server";
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
  const formData = await readFormData(request);
  const parsed = providerProfileSchema.safeParse({
    ...Object.fromEntries(formData),
    categoryIds: formData.getAll("categoryIds"),
    officeIds: formData.getAll("officeIds"),
    workerGenders: formData.getAll("workerGenders"),
  });
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return formFailure(formData, errors);
  }
  const result = await saveProviderProfile(
    await getDb(),
    { ...user.actor, ipAddress: clientIp(request) },
    scope,
    parsed.data,
  );
  if (!result.ok)
    return result.field === "form"
      ? formFailure(formData, {}, 400, result.error)
      : formFailure(formData, { [result.field]: result.error });
  return redirect("/provider/profile?saved=1");
});

export default function ProviderProfile() {
  const { t, i18n } = useTranslation("matching");
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (!loaded.eligible)
    return (
      <section className="container page page--narrow">
        <h1>{loaded.title}</h1>
        <Notice>{t("profile.notApproved")}</Notice>
      </section>
    );
  const data = loaded;
  const provider = data.provider;
  const chosen = (name: string, value: string, saved: readonly string[] | undefined) =>
    state ? state.values[name] === value || false : (saved ?? []).includes(value);
  const tops = serviceCategories.filter(
    (category) => category.parentId === null && kindServes(data.kind, category.id),
  );
  const errorOf = (name: string) => state?.errors[name];
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("profile.lead", { name: data.name })}</p>
      {params.get("saved") ? <Notice kind="success">{t("profile.saved")}</Notice> : null}
      {provider ? (
        <p>{t("profile.load", { active: provider.activeCases, capacity: provider.capacity })}</p>
      ) : (
        <Notice>{t("profile.first")}</Notice>
      )}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <fieldset
            className={`field${errorOf("categoryIds") ? " field--invalid" : ""}`}
            aria-describedby="categories-hint"
          >
            <legend>{t("profile.categories")}</legend>
            <p className="field__hint" id="categories-hint">
              {t("profile.categoriesHint")}
            </p>
            <div className="checkbox-grid">
              {tops.map((top) => (
                <div key={top.id} className="checkbox-group">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      name="categoryIds"
                      value={top.id}
                      defaultChecked={chosen("categoryIds", top.id, provider?.categoryIds)}
                    />
                    <strong>
                      {t("form.generalCategory", { category: categoryLabel(top.id, i18n.language) })}
                    </strong>
                  </label>
                  {serviceCategories
                    .filter((category) => category.parentId === top.id)
                    .map((category) => (
                      <label key={category.id} className="checkbox">
                        <input
                          type="checkbox"
                          name="categoryIds"
                          value={category.id}
                          defaultChecked={chosen("categoryIds", category.id, provider?.categoryIds)}
                        />
                        {categoryLabel(category.id, i18n.language)}
                      </label>
                    ))}
                </div>
              ))}
            </div>
            {errorOf("categoryIds") ? (
              <p className="field__error" role="alert">
                {t(errorOf("categoryIds")!)}
              </p>
            ) : null}
          </fieldset>
          <fieldset className={`field${errorOf("officeIds") ? " field--invalid" : ""}`}>
            <legend>{t("profile.area")}</legend>
            <label className="checkbox">
              <input
                type="checkbox"
                name="coversDistrict"
                defaultChecked={
                  state ? state.values.coversDistrict === "on" : (provider?.coversDistrict ?? true)
                }
              />
              {t("profile.coversDistrict")}
            </label>
            {data.offices.map((office) => (
              <label key={office.id} className="checkbox">
                <input
                  type="checkbox"
                  name="officeIds"
                  value={office.id}
                  defaultChecked={chosen("officeIds", office.id, provider?.officeIds)}
                />
                {office.name}
              </label>
            ))}
            {errorOf("officeIds") ? (
              <p className="field__error" role="alert">
                {t(errorOf("officeIds")!)}
              </p>
            ) : null}
          </fieldset>
          <TextField
            name="languages"
            label={t("fields.languages")}
            hint={t("profile.languagesHint")}
            state={state ?? { values: { languages: (provider?.languages ?? ["普通话"]).join("、") } }}
          />
          <fieldset className="field" aria-describedby="genders-hint">
            <legend>{t("profile.workerGenders")}</legend>
            <p className="field__hint" id="genders-hint">
              {t("profile.workerGendersHint")}
            </p>
            {workerGenders.map((gender) => (
              <label key={gender} className="checkbox">
                <input
                  type="checkbox"
                  name="workerGenders"
                  value={gender}
                  defaultChecked={chosen("workerGenders", gender, provider?.workerGenders)}
                />
                {t(`workerGenders.${gender}`)}
              </label>
            ))}
          </fieldset>
          <TextField
            name="capacity"
            type="number"
            min={0}
            max={PROVIDER_CAPACITY_MAX}
            required
            label={t("fields.capacity")}
            hint={t("profile.capacityHint")}
            state={state ?? { values: { capacity: String(provider?.capacity ?? 3) } }}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              name="paused"
              defaultChecked={state ? state.values.paused === "on" : provider?.paused}
            />
            {t("profile.paused")}
          </label>
          <button type="submit" className="button button--primary">
            {t("profile.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
