import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FormState } from "~/components/forms";

/** A labelled select with its error in place (errors are `employment:errors.*` keys). */
export function SelectField({
  name,
  label,
  options,
  state,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  state?: FormState;
  defaultValue?: string;
  hint?: ReactNode;
}) {
  const { t } = useTranslation(["employment", "common"]);
  const error = state?.errors?.[name];
  const id = `field-${name}`;
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
        aria-describedby={
          [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined
        }
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
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

/** A group of checkboxes posted under one name. */
export function CheckboxGroup({
  name,
  legend,
  options,
  checked,
  state,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  checked: readonly string[];
  state?: FormState;
}) {
  const { t } = useTranslation(["employment", "common"]);
  const error = state?.errors?.[name];
  return (
    <fieldset className={`field${error ? " field--invalid" : ""}`}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            defaultChecked={checked.includes(option.value)}
          />{" "}
          {option.label}
        </label>
      ))}
      {error ? (
        <p className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

export function TextAreaField({
  name,
  label,
  state,
  defaultValue,
  maxLength,
}: {
  name: string;
  label: string;
  state?: FormState;
  defaultValue?: string;
  maxLength?: number;
}) {
  const { t } = useTranslation(["employment", "common"]);
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={maxLength}
        defaultValue={state?.values?.[name] ?? defaultValue}
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
}

/** A status word in the reader's language. */
export function StatusBadge({ group, status }: { group: string; status: string }) {
  const { t } = useTranslation("employment");
  return <span className={`badge badge--${status}`}>{t(`status.${group}.${status}`)}</span>;
}
