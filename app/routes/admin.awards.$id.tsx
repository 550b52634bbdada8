import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, TextField } from "~/components/forms";
import { getAwardType, saveAwardType } from "~/domains/awards/award-types.server";
import { awardTypeSchema } from "~/domains/awards/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { forbidden, notFound, requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "awards", "validation"] };

const idSchema = z.union([z.literal("new"), z.uuid()]);

async function bureauAdmin(request: Request, id: string | undefined) {
  const user = await requirePermission(request, "manage:award-type:district");
  if (!user.districtId) forbidden();
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound();
  const type = parsed.data === "new" ? null : await getAwardType(await getDb(), user.districtId, parsed.data);
  if (parsed.data !== "new" && !type) notFound();
  return { user, districtId: user.districtId, type };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { type } = await bureauAdmin(request, params.id);
  const t = await i18nServer.getFixedT(request, "awards");
  return {
    title: type ? t("types.editTitle") : t("types.newTitle"),
    type: type
      ? {
          nameZh: type.nameZh,
          nameEn: type.nameEn,
          nomineeKind: type.nomineeKind,
          periodKind: type.periodKind,
          minHours: type.minMinutes ? String(type.minMinutes / 60) : "",
          minActivities: type.minActivities ? String(type.minActivities) : "",
          noticeWorkingDays: String(type.noticeWorkingDays),
          active: type.active,
        }
      : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, type } = await bureauAdmin(request, params.id);
  const parsed = await parseForm(request, awardTypeSchema);
  if (!parsed.success) return parsed.failure;
  const result = await saveAwardType(await getDb(), user.actor, { ...parsed.data, id: type?.id });
  if (!result.ok) return formFailure(parsed.formData, { [result.field]: result.error });
  return redirect("/admin/awards?saved=1");
}

export default function AwardTypeForm() {
  const { t } = useTranslation(["awards", "validation"]);
  const { title, type } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const value = (name: keyof NonNullable<typeof type>) =>
    state?.values?.[name] ?? (type ? String(type[name]) : undefined);
  const error = (name: string) => state?.errors?.[name];
  const select = (name: "nomineeKind" | "periodKind", options: readonly string[]) => (
    <div className={`field${error(name) ? " field--invalid" : ""}`}>
      <label htmlFor={`field-${name}`}>{t(`types.${name}`)}</label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={value(name) ?? options[0]}
        aria-invalid={error(name) ? true : undefined}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {t(`${name}.${option}`)}
          </option>
        ))}
      </select>
      {error(name) ? (
        <p className="field__error" role="alert">
          {t(error(name)!)}
        </p>
      ) : null}
    </div>
  );
  const withValues = {
    ...state,
    values: { ...(type ?? {}), ...(state?.values ?? {}) } as Record<string, string>,
  };
  return (
    <section className="container page page--narrow">
      <h1>{title}</h1>
      <p>{t("types.formLead")}</p>
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <TextField name="nameZh" label={t("types.nameZh")} state={withValues} required maxLength={40} />
          <TextField name="nameEn" label={t("types.nameEn")} state={withValues} required maxLength={80} />
          {select("nomineeKind", ["volunteer", "social_org"])}
          {select("periodKind", ["year", "half_year"])}
          <TextField
            name="minHours"
            label={t("types.minHours")}
            hint={t("types.minHoursHint")}
            state={withValues}
            inputMode="numeric"
          />
          <TextField
            name="minActivities"
            label={t("types.minActivities")}
            hint={t("types.minActivitiesHint")}
            state={withValues}
            inputMode="numeric"
          />
          <TextField
            name="noticeWorkingDays"
            label={t("types.noticeWorkingDays")}
            hint={t("types.noticeHint")}
            state={{ ...withValues, values: { noticeWorkingDays: "5", ...withValues.values } }}
            inputMode="numeric"
          />
          <div className="field field--checkbox">
            <input
              id="field-active"
              type="checkbox"
              name="active"
              defaultChecked={state?.values ? state.values.active === "on" : (type?.active ?? true)}
            />
            <label htmlFor="field-active">{t("types.activeLabel")}</label>
          </div>
          <button type="submit" className="button button--primary">
            {t("types.save")}
          </button>
        </Form>
      </div>
    </section>
  );
}
