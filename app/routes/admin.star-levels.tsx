import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrorMessage } from "~/components/form/FieldParts";
import { fieldId, useField } from "~/components/form/field-state";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import {
  getDistrictStarThresholds,
  setDistrictStarThresholds,
} from "~/domains/volunteers/star-thresholds.server";
import {
  DEFAULT_STAR_THRESHOLD_HOURS,
  DEFAULT_STAR_THRESHOLDS,
  MAX_STAR_LEVELS,
  starThresholdsInHours,
} from "~/domains/volunteers/star-levels";
import { starLevelsFormSchema } from "~/domains/volunteers/star-level-schemas";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { readFormData, validateSubmission } from "~/utils/forms.server";
import { redirectWithFlash } from "~/utils/flash.server";
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

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadStarLevelsFormSchema = () =>
  import("~/domains/volunteers/star-level-schemas").then((module) => module.starLevelsFormSchema);

export async function action({ request }: ActionFunctionArgs) {
  const { user, districtId } = await bureauAdmin(request);
  const formData = await readFormData(request);
  const restore = formData.get("intent") === "restore";
  let thresholds = DEFAULT_STAR_THRESHOLDS;
  if (!restore) {
    const parsed = await validateSubmission(formData, starLevelsFormSchema);
    if (!parsed.success) return parsed.failure;
    thresholds = parsed.data.threshold;
  }
  await setDistrictStarThresholds(await getDb(), {
    actor: { id: user.id, ipAddress: clientIp(request) },
    districtId,
    thresholds,
  });
  return redirectWithFlash(request, "/admin/star-levels", {
    kind: "success",
    message: restore ? "hours:stars.restored" : "hours:stars.saved",
  });
}

function ThresholdBoxes({ hours }: { hours: number[] }) {
  const { t } = useTranslation(["hours", "validation"]);
  const group = useField("threshold");
  const echoed = Array.isArray(group.echoed) ? group.echoed.map((value) => String(value)) : null;
  return (
    <fieldset className="field" id={fieldId("threshold")} tabIndex={-1}>
      <legend className="visually-hidden">{t("stars.thresholdsLegend")}</legend>
      {Array.from({ length: MAX_STAR_LEVELS }, (_, index) => (
        <ThresholdBox
          key={index}
          index={index}
          defaultValue={echoed ? (echoed[index] ?? "") : (hours[index]?.toString() ?? "")}
          label={t("stars.level", { level: index + 1 })}
        />
      ))}
      <p className="field__hint">{t("stars.hint")}</p>
      {/* An error about the list as a whole (no position). */}
      <FieldErrorMessage id={group.id} error={typeof group.error === "string" ? group.error : undefined} />
    </fieldset>
  );
}

function ThresholdBox({
  index,
  defaultValue,
  label,
}: {
  index: number;
  defaultValue: string;
  label: string;
}) {
  const field = useField(`threshold.${index}`);
  const id = fieldId(`threshold.${index}`);
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        inputMode="decimal"
        autoComplete="off"
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.error ? `${id}-error` : undefined}
        {...field.register(`threshold.${index}`)}
        defaultValue={defaultValue}
      />
      <FieldErrorMessage id={id} error={field.error} />
    </div>
  );
}

export default function StarLevelSettings() {
  const { t } = useTranslation(["hours", "validation"]);
  const loaded = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadStarLevelsFormSchema });
  return (
    <section className="container page page--narrow">
      <h1>{loaded.title}</h1>
      <p>{t("stars.lead")}</p>
      <p className="field__hint">
        {loaded.custom
          ? t("stars.custom")
          : t("stars.default", { hours: DEFAULT_STAR_THRESHOLD_HOURS.join(" / ") })}
      </p>
      <div className="panel">
        <ValidatedForm form={form}>
          <ThresholdBoxes hours={loaded.hours} />
          <SubmitButton name="intent" value="save">
            {t("stars.submit")}
          </SubmitButton>
        </ValidatedForm>
        {loaded.custom ? (
          <Form method="post" className="form">
            <SubmitButton name="intent" value="restore" className="button">
              {t("stars.restore")}
            </SubmitButton>
          </Form>
        ) : null}
      </div>
    </section>
  );
}
