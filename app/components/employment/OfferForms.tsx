import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, type FormState, TextField } from "~/components/forms";
import { jobCategories } from "~/domains/employment/taxonomy";
import { SelectField, TextAreaField } from "./fields";

type Values = Record<string, unknown>;
const text = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? String(value) : undefined;

/** The job offer form (new and edit); works without JavaScript. */
export function JobOfferForm({
  state,
  initial,
  districts,
  submitLabel,
  intent,
}: {
  state?: FormState;
  initial: Values;
  districts: { id: string; name: string }[];
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation("employment");
  return (
    <Form method="post" className="form" noValidate>
      <FormError state={state} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <TextField
        name="title"
        label={t("job.title")}
        required
        maxLength={100}
        state={state}
        defaultValue={text(initial.title)}
      />
      <SelectField
        name="category"
        label={t("job.category")}
        state={state}
        defaultValue={text(initial.category) ?? "manufacturing"}
        options={jobCategories.map((value) => ({ value, label: t(`categories.${value}`) }))}
      />
      <TextField
        name="openings"
        type="number"
        min={1}
        max={1000}
        label={t("job.openings")}
        required
        state={state}
        defaultValue={text(initial.openings) ?? "1"}
      />
      <TextField
        name="wageMin"
        type="number"
        min={0}
        label={t("job.wageMin")}
        required
        state={state}
        defaultValue={text(initial.wageMin)}
      />
      <TextField
        name="wageMax"
        type="number"
        min={0}
        label={t("job.wageMax")}
        required
        state={state}
        defaultValue={text(initial.wageMax)}
      />
      <SelectField
        name="workDistrictId"
        label={t("job.workDistrict")}
        state={state}
        defaultValue={text(initial.workDistrictId)}
        options={districts.map((district) => ({ value: district.id, label: district.name }))}
      />
      <TextField
        name="workAddress"
        label={t("job.workAddress")}
        required
        maxLength={200}
        state={state}
        defaultValue={text(initial.workAddress)}
      />
      <TextField
        name="hours"
        label={t("job.hours")}
        required
        maxLength={200}
        state={state}
        defaultValue={text(initial.hours)}
      />
      <TextAreaField
        name="requirements"
        label={t("job.requirements")}
        maxLength={2000}
        state={state}
        defaultValue={text(initial.requirements)}
      />
      <TextAreaField
        name="benefits"
        label={t("job.benefits")}
        maxLength={2000}
        state={state}
        defaultValue={text(initial.benefits)}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          name="accommodation"
          value="on"
          defaultChecked={Boolean(initial.accommodation)}
        />{" "}
        {t("job.accommodation")}
      </label>
      <TextField
        name="startsOn"
        type="date"
        label={t("job.startsOn")}
        required
        state={state}
        defaultValue={text(initial.startsOn)}
      />
      <TextField
        name="closesOn"
        type="date"
        label={t("job.closesOn")}
        required
        state={state}
        defaultValue={text(initial.closesOn)}
      />
      <button type="submit" className="button button--primary">
        {submitLabel}
      </button>
    </Form>
  );
}

export function TrainingOfferForm({
  state,
  initial,
  districts,
  submitLabel,
  intent,
}: {
  state?: FormState;
  initial: Values;
  districts: { id: string; name: string }[];
  submitLabel: string;
  intent?: string;
}) {
  const { t } = useTranslation("employment");
  return (
    <Form method="post" className="form" noValidate>
      <FormError state={state} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <TextField
        name="course"
        label={t("training.course")}
        required
        maxLength={100}
        state={state}
        defaultValue={text(initial.course)}
      />
      <SelectField
        name="category"
        label={t("job.category")}
        state={state}
        defaultValue={text(initial.category) ?? "manufacturing"}
        options={jobCategories.map((value) => ({ value, label: t(`categories.${value}`) }))}
      />
      <TextField
        name="provider"
        label={t("training.provider")}
        required
        maxLength={100}
        state={state}
        defaultValue={text(initial.provider)}
      />
      <SelectField
        name="districtId"
        label={t("training.district")}
        state={state}
        defaultValue={text(initial.districtId)}
        options={districts.map((district) => ({ value: district.id, label: district.name }))}
      />
      <TextField
        name="place"
        label={t("training.place")}
        required
        maxLength={200}
        state={state}
        defaultValue={text(initial.place)}
      />
      <TextField
        name="capacity"
        type="number"
        min={1}
        max={500}
        label={t("training.capacity")}
        required
        state={state}
        defaultValue={text(initial.capacity) ?? "10"}
      />
      <TextField
        name="certificate"
        label={t("training.certificate")}
        maxLength={100}
        state={state}
        defaultValue={text(initial.certificate)}
      />
      <TextField
        name="costYuan"
        type="number"
        min={0}
        label={t("training.cost")}
        state={state}
        defaultValue={text(initial.costYuan) ?? "0"}
      />
      <TextAreaField
        name="description"
        label={t("training.description")}
        maxLength={2000}
        state={state}
        defaultValue={text(initial.description)}
      />
      <TextField
        name="closesOn"
        type="date"
        label={t("job.closesOn")}
        required
        state={state}
        defaultValue={text(initial.closesOn)}
      />
      <button type="submit" className="button button--primary">
        {submitLabel}
      </button>
    </Form>
  );
}
