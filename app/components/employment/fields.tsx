import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrorMessage, FieldHint } from "~/components/form/FieldParts";
import { useField } from "~/components/form/field-state";
import type { Option } from "~/components/form/fields";

/**
 * Tick boxes of one name whose ticks are preset (the stored hiring districts, a candidate's stored
 * categories) or echoed after a refusal — the shared pieces' markup, ids and error, with one
 * difference from `CheckboxGroupField` of app/components/form/fields.tsx: the preset `defaultChecked`
 * is given after react-hook-form's registration. remix-hook-form's `register` returns
 * `defaultChecked: undefined` for a field whose default is not a boolean, and spread after the preset
 * it unticks every box: without JavaScript the form then posts no value at all, and with JavaScript
 * the stored districts were dropped on save.
 */
export function PresetCheckboxGroupField({
  name,
  label,
  hint,
  options,
  defaultValue = [],
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly Option[];
  defaultValue?: readonly string[];
}) {
  const field = useField(name, Boolean(hint));
  const echoed = field.echoed;
  const selected = !field.echo ? defaultValue : Array.isArray(echoed) ? echoed : echoed ? [echoed] : [];
  return (
    <fieldset
      className={`field${field.error ? " field--invalid" : ""}`}
      id={field.id}
      aria-describedby={field.describedBy}
      tabIndex={-1}
    >
      <legend>{label}</legend>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <div className="checkbox-grid">
        {options.map((option, index) => (
          <div className="checkbox" key={option.value}>
            <input
              id={`${field.id}-${index}`}
              type="checkbox"
              value={option.value}
              aria-invalid={field.error ? true : undefined}
              {...field.register(name)}
              defaultChecked={selected.includes(option.value)}
            />
            <label htmlFor={`${field.id}-${index}`}>{option.label}</label>
          </div>
        ))}
      </div>
      <FieldErrorMessage id={field.id} error={field.error} />
    </fieldset>
  );
}

/** A status word in the reader's language. */
export function StatusBadge({ group, status }: { group: string; status: string }) {
  const { t } = useTranslation("employment");
  return <span className={`badge badge--${status}`}>{t(`status.${group}.${status}`)}</span>;
}
