import { useTranslation } from "react-i18next";
import { FieldErrorMessage, FieldHint } from "~/components/form/FieldParts";
import { useField } from "~/components/form/field-state";
import { SelectField } from "~/components/form/fields";
import { categoryLabel, serviceCategories } from "~/domains/matching/taxonomy";

/**
 * The taxonomy as one select of a ValidatedForm: top-level categories as groups, their
 * subcategories as options (the shared SelectField has no groups). Label, hint, translated error
 * and the echo after a refusal work as in the shared fields.
 */
export function CategorySelect({ name = "categoryId", hint }: { name?: string; hint?: string }) {
  const { t, i18n } = useTranslation(["matching", "common"]);
  const field = useField(name, Boolean(hint));
  const registration = field.register(name);
  const tops = serviceCategories.filter((category) => category.parentId === null);
  const echoed = typeof field.echoed === "string" ? field.echoed : undefined;
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={field.id}>{t("fields.category")}</label>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <select
        id={field.id}
        required
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.describedBy}
        {...registration}
        defaultValue={echoed ?? registration.defaultValue ?? ""}
      >
        <option value="">{t("form.chooseCategory")}</option>
        {tops.map((top) => (
          <optgroup key={top.id} label={categoryLabel(top.id, i18n.language)}>
            <option value={top.id}>
              {t("form.generalCategory", { category: categoryLabel(top.id, i18n.language) })}
            </option>
            {serviceCategories
              .filter((category) => category.parentId === top.id)
              .map((category) => (
                <option key={category.id} value={category.id}>
                  {categoryLabel(category.id, i18n.language)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

/** The shared SelectField over a closed list whose labels live under `matching:<labelPrefix>.<value>`. */
export function ChoiceSelect({
  name,
  label,
  values,
  labelPrefix,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  values: readonly string[];
  labelPrefix: string;
  defaultValue?: string;
  hint?: string;
}) {
  const { t } = useTranslation("matching");
  return (
    <SelectField
      name={name}
      label={label}
      hint={hint}
      defaultValue={defaultValue}
      options={values.map((value) => ({ value, label: t(`${labelPrefix}.${value}`) }))}
    />
  );
}
