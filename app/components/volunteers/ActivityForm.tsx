import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormError, type FormState, TextField } from "~/components/forms";
import {
  ACTIVITY_CAPACITY_MAX,
  activityCategories,
  qualificationKinds,
  volunteerSkills,
} from "~/domains/volunteers/activity-options";
import {
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
} from "~/domains/volunteers/activity-validation";
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

function FieldError({ name, state }: { name: string; state?: FormState }) {
  const { t } = useTranslation(["common", "validation"]);
  const error = state?.errors?.[name];
  if (!error) return null;
  return (
    <p className="field__error" id={`field-${name}-error`} role="alert">
      {t(error)}
    </p>
  );
}

function SelectField({
  name,
  label,
  state,
  value,
  children,
}: {
  name: string;
  label: string;
  state?: FormState;
  value: string;
  children: ReactNode;
}) {
  const error = state?.errors?.[name];
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={`field-${name}`}>{label}</label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
      >
        {children}
      </select>
      <FieldError name={name} state={state} />
    </div>
  );
}

/**
 * Create and edit an activity. Times are typed in Beijing time; after a rejected post every field
 * shows what was typed (`state.values`), otherwise `initial`.
 */
export function ActivityForm({
  initial,
  state,
  offices,
  submitLabel,
  minStart,
  submissionKey,
}: {
  initial: ActivityFormValues;
  state?: FormState;
  offices: { id: string; name: string }[];
  submitLabel: string;
  /** Earliest start offered by the picker (Beijing `datetime-local` value). */
  minStart?: string;
  /** A new activity's idempotency key (its loader's), so a double click creates one. */
  submissionKey?: string;
}) {
  const { t } = useTranslation("activities");
  const values: ActivityFormValues = state?.values
    ? { ...initial, requiredSkills: "", insuranceRequired: "", requiredQualification: "", ...state.values }
    : initial;
  const skills = new Set(values.requiredSkills.split(",").filter(Boolean));
  const withValues: FormState = { ...state, values };
  return (
    <Form method="post" className="form" noValidate>
      {submissionKey ? <SubmissionKey value={submissionKey} /> : null}
      <FormError state={state} />
      <TextField
        name="title"
        required
        maxLength={ACTIVITY_TITLE_MAX}
        label={t("fields.title")}
        state={withValues}
      />
      <div className={`field${state?.errors?.description ? " field--invalid" : ""}`}>
        <label htmlFor="field-description">{t("fields.description")}</label>
        <textarea
          id="field-description"
          name="description"
          rows={5}
          required
          maxLength={ACTIVITY_DESCRIPTION_MAX}
          defaultValue={values.description}
          aria-invalid={state?.errors?.description ? true : undefined}
          aria-describedby={state?.errors?.description ? "field-description-error" : undefined}
        />
        <FieldError name="description" state={state} />
      </div>
      <SelectField name="category" label={t("fields.category")} state={state} value={values.category}>
        {activityCategories.map((category) => (
          <option key={category} value={category}>
            {t(`categories.${category}`)}
          </option>
        ))}
      </SelectField>
      <SelectField name="officeId" label={t("fields.office")} state={state} value={values.officeId}>
        {offices.length !== 1 ? <option value="">{t("form.chooseOffice")}</option> : null}
        {offices.map((office) => (
          <option key={office.id} value={office.id}>
            {office.name}
          </option>
        ))}
      </SelectField>
      <TextField
        name="place"
        required
        maxLength={ACTIVITY_PLACE_MAX}
        label={t("fields.place")}
        hint={t("form.placeHint")}
        state={withValues}
      />
      <TextField
        name="startsAt"
        type="datetime-local"
        required
        min={minStart}
        label={t("fields.startsAt")}
        hint={t("form.timeHint")}
        state={withValues}
      />
      <TextField
        name="endsAt"
        type="datetime-local"
        required
        min={minStart}
        label={t("fields.endsAt")}
        state={withValues}
      />
      <TextField
        name="capacity"
        type="number"
        inputMode="numeric"
        required
        min={1}
        max={ACTIVITY_CAPACITY_MAX}
        label={t("fields.capacity")}
        state={withValues}
      />
      <fieldset className={`field${state?.errors?.requiredSkills ? " field--invalid" : ""}`}>
        <legend>{t("fields.requiredSkills")}</legend>
        <p className="field__hint">{t("form.skillsHint")}</p>
        {volunteerSkills.map((skill) => (
          <label key={skill} className="checkbox">
            <input type="checkbox" name="requiredSkills" value={skill} defaultChecked={skills.has(skill)} />
            {t(`skills.${skill}`)}
          </label>
        ))}
        <FieldError name="requiredSkills" state={state} />
      </fieldset>
      <SelectField
        name="requiredQualification"
        label={t("fields.requiredQualification")}
        state={state}
        value={values.requiredQualification}
      >
        <option value="">{t("form.noQualification")}</option>
        {qualificationKinds.map((kind) => (
          <option key={kind} value={kind}>
            {t(`qualifications.${kind}`)}
          </option>
        ))}
      </SelectField>
      <label className="checkbox">
        <input
          type="checkbox"
          name="insuranceRequired"
          value="on"
          defaultChecked={values.insuranceRequired === "on"}
        />
        {t("fields.insuranceRequired")}
      </label>
      <button type="submit" className="button button--primary">
        {submitLabel}
      </button>
    </Form>
  );
}
