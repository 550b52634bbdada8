import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  CheckboxGroupField,
  DateTimeField,
  NumberField,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import {
  ACTIVITY_CAPACITY_MAX,
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  activityCategories,
  qualificationKinds,
  volunteerSkills,
} from "~/domains/volunteers/activity-options";

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadActivitySchema = () =>
  import("~/domains/volunteers/activity-validation").then((module) => module.activitySchema);
import { SubmissionKey } from "~/components/SubmissionKey";

/** The form's values as strings, as typed (or as stored, when editing). Skills are comma-separated. */
export type ActivityFormValues = Record<
  | "title"
  | "description"
  | "category"
  | "officeId"
  | "place"
  | "startsAt"
  | "endsAt"
  | "capacity"
  | "requiredSkills"
  | "requiredQualification"
  | "insuranceRequired",
  string
>;

/**
 * Create and edit an activity. Times are typed in Beijing time; after a rejected post every field
 * shows what was typed, otherwise `initial`.
 */
export function ActivityForm({
  initial,
  offices,
  submitLabel,
  minStart,
  submissionKey,
}: {
  initial: ActivityFormValues;
  offices: { id: string; name: string }[];
  submitLabel: string;
  /** Earliest start offered by the picker (Beijing `datetime-local` value). */
  minStart?: string;
  /** A new activity's idempotency key (its loader's), so a double click creates one. */
  submissionKey?: string;
}) {
  const { t } = useTranslation("activities");
  const { requiredSkills, insuranceRequired, ...text } = initial;
  const form = useValidatedForm({ schema: loadActivitySchema, defaultValues: text });
  return (
    <ValidatedForm form={form}>
      {submissionKey ? <SubmissionKey value={submissionKey} /> : null}
      <TextField name="title" required maxLength={ACTIVITY_TITLE_MAX} label={t("fields.title")} />
      <TextareaField
        name="description"
        rows={5}
        required
        maxLength={ACTIVITY_DESCRIPTION_MAX}
        label={t("fields.description")}
      />
      <SelectField
        name="category"
        label={t("fields.category")}
        options={activityCategories.map((category) => ({
          value: category,
          label: t(`categories.${category}`),
        }))}
      />
      <SelectField
        name="officeId"
        label={t("fields.office")}
        placeholder={offices.length !== 1 ? t("form.chooseOffice") : undefined}
        options={offices.map((office) => ({ value: office.id, label: office.name }))}
      />
      <TextField
        name="place"
        required
        maxLength={ACTIVITY_PLACE_MAX}
        label={t("fields.place")}
        hint={t("form.placeHint")}
      />
      <DateTimeField
        name="startsAt"
        required
        min={minStart}
        label={t("fields.startsAt")}
        hint={t("form.timeHint")}
      />
      <DateTimeField name="endsAt" required min={minStart} label={t("fields.endsAt")} />
      <NumberField
        name="capacity"
        required
        label={t("fields.capacity")}
        maxLength={String(ACTIVITY_CAPACITY_MAX).length}
      />
      <CheckboxGroupField
        name="requiredSkills"
        label={t("fields.requiredSkills")}
        hint={t("form.skillsHint")}
        defaultValue={requiredSkills.split(",").filter(Boolean)}
        options={volunteerSkills.map((skill) => ({ value: skill, label: t(`skills.${skill}`) }))}
      />
      <SelectField
        name="requiredQualification"
        label={t("fields.requiredQualification")}
        placeholder={t("form.noQualification")}
        options={qualificationKinds.map((kind) => ({ value: kind, label: t(`qualifications.${kind}`) }))}
      />
      <CheckboxField
        name="insuranceRequired"
        label={t("fields.insuranceRequired")}
        defaultChecked={insuranceRequired === "on"}
      />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ValidatedForm>
  );
}
