import { useTranslation } from "react-i18next";
import {
  CheckboxField,
  DateField,
  NumberField,
  SelectField,
  TextareaField,
  TextField,
} from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { jobCategories } from "~/domains/employment/taxonomy";

type Values = Record<string, unknown>;
const text = (value: unknown, fallback = "") =>
  typeof value === "string" || typeof value === "number" ? String(value) : fallback;

/** The schemas load with zod on the first validation, not with the page. */
const validation = () => import("~/domains/employment/validation");
const loadJobOfferSchema = () => validation().then((module) => module.jobOfferSchema);
const loadTrainingOfferSchema = () => validation().then((module) => module.trainingOfferSchema);

interface OfferFormProps {
  /** What the form starts with: the stored offer, or the enterprise's district for a new one. */
  initial: Values;
  districts: { id: string; name: string }[];
  submitLabel: string;
  /** The intent of an edit form on the offer's page (which has other forms too). */
  intent?: string;
  /** A new offer's idempotency key: sent twice, the form still creates one offer. */
  submissionKey?: string;
}

/** The job offer form (new and edit), validated as typed with the action's schema; works without JavaScript. */
export function JobOfferForm({ initial, districts, submitLabel, intent, submissionKey }: OfferFormProps) {
  const { t } = useTranslation("employment");
  const form = useValidatedForm({
    schema: loadJobOfferSchema,
    id: intent,
    defaultValues: {
      title: text(initial.title),
      category: text(initial.category, "manufacturing"),
      openings: text(initial.openings, "1"),
      wageMin: text(initial.wageMin),
      wageMax: text(initial.wageMax),
      workDistrictId: text(initial.workDistrictId),
      workAddress: text(initial.workAddress),
      hours: text(initial.hours),
      requirements: text(initial.requirements),
      benefits: text(initial.benefits),
      startsOn: text(initial.startsOn),
      closesOn: text(initial.closesOn),
    },
  });
  return (
    <ValidatedForm form={form}>
      {submissionKey ? <SubmissionKey value={submissionKey} /> : null}
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <TextField name="title" label={t("job.title")} required maxLength={100} autoComplete="off" />
      <SelectField
        name="category"
        label={t("job.category")}
        options={jobCategories.map((value) => ({ value, label: t(`categories.${value}`) }))}
      />
      <NumberField name="openings" label={t("job.openings")} required />
      <NumberField name="wageMin" label={t("job.wageMin")} required />
      <NumberField name="wageMax" label={t("job.wageMax")} required />
      <SelectField
        name="workDistrictId"
        label={t("job.workDistrict")}
        options={districts.map((district) => ({ value: district.id, label: district.name }))}
      />
      <TextField name="workAddress" label={t("job.workAddress")} required maxLength={200} />
      <TextField name="hours" label={t("job.hours")} required maxLength={200} />
      <TextareaField name="requirements" label={t("job.requirements")} maxLength={2000} />
      <TextareaField name="benefits" label={t("job.benefits")} maxLength={2000} />
      <CheckboxField
        name="accommodation"
        label={t("job.accommodation")}
        defaultChecked={Boolean(initial.accommodation)}
      />
      <DateField name="startsOn" label={t("job.startsOn")} required />
      <DateField name="closesOn" label={t("job.closesOn")} required />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ValidatedForm>
  );
}

/** The training offer form (new); works without JavaScript. */
export function TrainingOfferForm({
  initial,
  districts,
  submitLabel,
  intent,
  submissionKey,
}: OfferFormProps) {
  const { t } = useTranslation("employment");
  const form = useValidatedForm({
    schema: loadTrainingOfferSchema,
    id: intent,
    defaultValues: {
      course: text(initial.course),
      category: text(initial.category, "manufacturing"),
      provider: text(initial.provider),
      districtId: text(initial.districtId),
      place: text(initial.place),
      capacity: text(initial.capacity, "10"),
      certificate: text(initial.certificate),
      costYuan: text(initial.costYuan, "0"),
      description: text(initial.description),
      closesOn: text(initial.closesOn),
    },
  });
  return (
    <ValidatedForm form={form}>
      {submissionKey ? <SubmissionKey value={submissionKey} /> : null}
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <TextField name="course" label={t("training.course")} required maxLength={100} autoComplete="off" />
      <SelectField
        name="category"
        label={t("job.category")}
        options={jobCategories.map((value) => ({ value, label: t(`categories.${value}`) }))}
      />
      <TextField name="provider" label={t("training.provider")} required maxLength={100} />
      <SelectField
        name="districtId"
        label={t("training.district")}
        options={districts.map((district) => ({ value: district.id, label: district.name }))}
      />
      <TextField name="place" label={t("training.place")} required maxLength={200} />
      <NumberField name="capacity" label={t("training.capacity")} required />
      <TextField name="certificate" label={t("training.certificate")} maxLength={100} />
      <NumberField name="costYuan" label={t("training.cost")} />
      <TextareaField name="description" label={t("training.description")} maxLength={2000} />
      <DateField name="closesOn" label={t("job.closesOn")} required />
      <SubmitButton>{submitLabel}</SubmitButton>
    </ValidatedForm>
  );
}
