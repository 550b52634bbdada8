import { useTranslation } from "react-i18next";
import type { FormState } from "./forms";

/** A labelled textarea with its hint and translated error in place (service hours forms). */
export function TextAreaField(props: {
  name: string;
  label: string;
  hint?: string;
  maxLength: number;
  state?: FormState;
  defaultValue?: string;
  required?: boolean;
}) {
  const { t } = useTranslation(["common", "validation"]);
  const id = `field-${props.name}`;
  const error = props.state?.errors?.[props.name];
  const describedBy =
    [props.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <textarea
        id={id}
        name={props.name}
        rows={3}
        maxLength={props.maxLength}
        required={props.required}
        defaultValue={props.state?.values?.[props.name] ?? props.defaultValue ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

/** Hours and minutes in two boxes; the error (key `duration`) belongs to both. */
export function DurationFields(props: {
  legend: string;
  hint?: string;
  hoursLabel: string;
  minutesLabel: string;
  state?: FormState;
  defaults?: { hours: number; minutes: number };
}) {
  const { t } = useTranslation(["common", "validation"]);
  const error = props.state?.errors?.duration;
  const describedBy =
    [props.hint ? "field-duration-hint" : null, error ? "field-duration-error" : null]
      .filter(Boolean)
      .join(" ") || undefined;
  const input = (name: "hours" | "minutes", label: string) => (
    <>
      <label htmlFor={`field-${name}`}>{label}</label>
      <input
        id={`field-${name}`}
        name={name}
        inputMode="numeric"
        size={4}
        maxLength={4}
        defaultValue={props.state?.values?.[name] ?? (props.defaults ? String(props.defaults[name]) : "")}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </>
  );
  return (
    <fieldset className={`field${error ? " field--invalid" : ""}`}>
      <legend>{props.legend}</legend>
      {props.hint ? (
        <p className="field__hint" id="field-duration-hint">
          {props.hint}
        </p>
      ) : null}
      <div className="form--inline">
        {input("hours", props.hoursLabel)}
        {input("minutes", props.minutesLabel)}
      </div>
      {error ? (
        <p className="field__error" id="field-duration-error" role="alert">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}
