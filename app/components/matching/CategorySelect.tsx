import { useTranslation } from "react-i18next";
import type { FormState } from "~/components/forms";
import { categoryLabel, serviceCategories } from "~/domains/matching/taxonomy";

/** The taxonomy as one select: top-level categories as groups, their subcategories as options. */
export function CategorySelect({ state, name = "categoryId" }: { state?: FormState; name?: string }) {
  const { t, i18n } = useTranslation(["matching", "common"]);
  const error = state?.errors?.[name];
  const tops = serviceCategories.filter((category) => category.parentId === null);
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={`field-${name}`}>{t("fields.category")}</label>
      <select
        id={`field-${name}`}
        name={name}
        defaultValue={state?.values?.[name] ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `field-${name}-error` : undefined}
        required
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
      {error ? (
        <p className="field__error" id={`field-${name}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select over a closed list whose labels live under `matching:<labelPrefix>.<value>`. */
export function ChoiceSelect({
  name,
  label,
  values,
  labelPrefix,
  state,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  values: readonly string[];
  labelPrefix: string;
  state?: FormState;
  defaultValue?: string;
  hint?: string;
}) {
  const { t } = useTranslation(["matching", "common"]);
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {values.map((value) => (
          <option key={value} value={value}>
            {t(`${labelPrefix}.${value}`)}
          </option>
        ))}
      </select>
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}
