import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FormState } from "~/components/forms";

const errorNamespaces = ["common", "validation", "legal"];

function FieldError({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation(errorNamespaces);
  return error ? (
    <p className="field__error" id={`${id}-error`} role="alert">
      {t(error)}
    </p>
  ) : null;
}

/** A labelled select with its error in place (keeps the typed value after a refusal). */
export function SelectField({
  name,
  label,
  options,
  state,
  defaultValue,
  required,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  state?: FormState;
  defaultValue?: string;
  required?: boolean;
}) {
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={state?.values?.[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        required={required}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** Several checkboxes of one name in a fieldset (the values come back with formData.getAll). */
export function CheckboxGroup({
  name,
  legend,
  options,
  state,
  checked = [],
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  state?: FormState;
  checked?: readonly string[];
}) {
  const error = state?.errors?.[name];
  const selected = new Set(checked);
  return (
    <fieldset className={`field${error ? " field--invalid" : ""}`}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            name={name}
            value={option.value}
            defaultChecked={selected.has(option.value)}
          />{" "}
          {option.label}
        </label>
      ))}
      <FieldError id={`field-${name}`} error={error} />
    </fieldset>
  );
}

export function TextAreaField({
  name,
  label,
  state,
  maxLength,
  hint,
}: {
  name: string;
  label: string;
  state?: FormState;
  maxLength?: number;
  hint?: ReactNode;
}) {
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
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={maxLength}
        defaultValue={state?.values?.[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined
        }
      />
      <FieldError id={id} error={error} />
    </div>
  );
}
