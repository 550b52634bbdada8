import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice } from "~/components/forms";
import {
  getDistrictStarThresholds,
  setDistrictStarThresholds,
} from "~/domains/volunteers/star-thresholds.server";
import {
  DEFAULT_STAR_THRESHOLD_HOURS,
  MAX_STAR_LEVELS,
  starThresholdHoursSchema,
  starThresholdsInHours,
} from "~/domains/volunteers/star-levels";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { forbidden, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "hours", "validation"] };

async function bureauAdmin(request: Request) {
  const user = await requirePermission(request, "manage:star-thresholds:district");
  if (!user.districtId) forbidden();
  return { user, districtId: user.districtId };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { districtId } = await bureauAdmin(request);
  const current = await getDistrictStarThresholds(await getDb(), districtId);
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("stars.title"),
    hours: starThresholdsInHours(current.thresholds),
    custom: current.custom,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const { user, districtId } = await bureauAdmin(request);
  const formData = await readFormData(request);
  const entries = formData.getAll("threshold").map((value) => (typeof value === "string" ? value : ""));
  const parsed = starThresholdHoursSchema.safeParse(entries);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const index = issue.path[0];
      const field = typeof index === "number" ? `threshold-${index}` : "form";
      errors[field] ??= issue.message;
    }
    const { form, ...fields } = errors;
    // The boxes share one name; echo what was typed per position so each box keeps its own value.
    const typed = new FormData();
    entries.forEach((value, index) => typed.set(`threshold-${index}`, value));
    return formFailure(typed, fields, 400, form);
  }
  await setDistrictStarThresholds(await getDb(), {
    actor: { id: user.id, ipAddress: clientIp(request) },
    districtId,
    thresholds: parsed.data,
  });
  return redirect("/admin/star-levels?saved=1");
}

export default function StarLevelSettings() {
  const { t } = useTranslation(["hours", "validation"]);
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <section className="container page page--narrow">
      <h1>{loaded.title}</h1>
      <p>{t("stars.lead")}</p>
      <p className="field__hint">
        {loaded.custom
          ? t("stars.custom")
          : t("stars.default", { hours: DEFAULT_STAR_THRESHOLD_HOURS.join(" / ") })}
      </p>
      {params.get("saved") ? <Notice kind="success">{t("stars.saved")}</Notice> : null}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          {Array.from({ length: MAX_STAR_LEVELS }, (_, index) => {
            const error = state?.errors[`threshold-${index}`];
            const id = `field-threshold-${index}`;
            return (
              <div key={index} className={`field${error ? " field--invalid" : ""}`}>
                <label htmlFor={id}>{t("stars.level", { level: index + 1 })}</label>
                <input
                  id={id}
                  name="threshold"
                  inputMode="decimal"
                  defaultValue={
                    state
                      ? (state.values[`threshold-${index}`] ?? "")
                      : (loaded.hours[index]?.toString() ?? "")
                  }
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                />
                {error ? (
                  <p className="field__error" id={`${id}-error`} role="alert">
                    {t(error)}
                  </p>
                ) : null}
              </div>
            );
          })}
          <p className="field__hint">{t("stars.hint")}</p>
          <button type="submit" className="button button--primary">
            {t("stars.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}
