import { useTranslation } from "react-i18next";
import { CheckboxField, NumberField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { nomineeKinds } from "~/domains/awards/eligibility";

const loadAwardTypeSchema = () =>
  import("~/domains/awards/validation").then((module) => module.awardTypeSchema);

/** The criteria fields, grouped by the nominees whose records have the figure, with their hints. */
const criteria = [
  { name: "minHours", hint: "types.minHoursHint" },
  { name: "minActivities", hint: "types.minActivitiesHint" },
  { name: "minPlacements", hint: "types.minPlacementsHint" },
  { name: "minRetained30", hint: "types.minRetainedHint" },
  { name: "minRetained90", hint: "types.minRetainedHint" },
  { name: "minRetained180", hint: "types.minRetainedHint" },
  { name: "minConsultations", hint: "types.minConsultationsHint" },
  { name: "minReferralsResolved", hint: "types.minReferralsResolvedHint" },
] as const;

export interface AwardTypeValues {
  nameZh: string;
  nameEn: string;
  nomineeKind: string;
  periodKind: string;
  noticeWorkingDays: string;
  active: boolean;
  [criterion: string]: string | boolean;
}

/** A bureau admin's commendation type: names, nominees, period, criteria over recorded figures, notice. */
export function AwardTypeForm({ initial }: { initial: AwardTypeValues | null }) {
  const { t } = useTranslation(["awards", "validation"]);
  const form = useValidatedForm({
    schema: loadAwardTypeSchema,
    defaultValues: initial
      ? { ...initial, active: initial.active ? "on" : "" }
      : { nomineeKind: "volunteer", periodKind: "year", noticeWorkingDays: "5" },
  });
  return (
    <ValidatedForm form={form}>
      <TextField name="nameZh" label={t("types.nameZh")} required maxLength={40} />
      <TextField name="nameEn" label={t("types.nameEn")} required maxLength={80} />
      <SelectField
        name="nomineeKind"
        label={t("types.nomineeKind")}
        options={nomineeKinds.map((kind) => ({ value: kind, label: t(`nomineeKind.${kind}`) }))}
      />
      <SelectField
        name="periodKind"
        label={t("types.period")}
        options={(["year", "half_year"] as const).map((kind) => ({
          value: kind,
          label: t(`periodKind.${kind}`),
        }))}
      />
      <fieldset className="field">
        <legend>{t("types.criteriaLegend")}</legend>
        {criteria.map((criterion) => (
          <NumberField
            key={criterion.name}
            name={criterion.name}
            label={t(`types.${criterion.name}`)}
            hint={t(criterion.hint)}
          />
        ))}
      </fieldset>
      <NumberField
        name="noticeWorkingDays"
        label={t("types.noticeWorkingDays")}
        hint={t("types.noticeHint")}
      />
      <CheckboxField
        name="active"
        label={t("types.activeLabel")}
        defaultChecked={initial ? initial.active : true}
      />
      <SubmitButton>{t("types.save")}</SubmitButton>
    </ValidatedForm>
  );
}
