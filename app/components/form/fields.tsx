import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { FieldErrorMessage, FieldHint, errorNamespaces } from "./FieldParts";
import { fieldId, useField } from "./field-state";

/**
 * The field components every form uses, inside a <ValidatedForm>. Each renders its label, hint and
 * translated error in place, registers with react-hook-form (validated on blur, then as it changes)
 * and shows what was posted again after a refusal — also with JavaScript off.
 */

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
}

type InputProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "id">;

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function TextField({ name, label, hint, type = "text", ...input }: InputProps) {
  const field = useField(name, Boolean(hint));
  const secret = type === "password";
  const registration = field.register(name);
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <input
        id={field.id}
        type={type}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.describedBy}
        {...input}
        {...registration}
        defaultValue={
          secret ? undefined : (stringOf(field.echoed) ?? input.defaultValue ?? registration.defaultValue)
        }
      />
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

export function DateField(props: Omit<InputProps, "type">) {
  return <TextField {...props} type="date" />;
}

export function DateTimeField(props: Omit<InputProps, "type">) {
  return <TextField {...props} type="datetime-local" />;
}

/** A number typed as text (no spinner, no locale surprises); the schema parses it. */
export function NumberField({ decimal = false, ...props }: Omit<InputProps, "type"> & { decimal?: boolean }) {
  return <TextField inputMode={decimal ? "decimal" : "numeric"} autoComplete="off" {...props} type="text" />;
}

export function TextareaField({
  name,
  label,
  hint,
  maxLength,
  rows = 3,
  ...textarea
}: FieldProps & { maxLength: number } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "id">) {
  const { t } = useTranslation(errorNamespaces);
  const field = useField(name, Boolean(hint));
  const registration = field.register(name);
  const initial =
    stringOf(field.echoed) ?? stringOf(textarea.defaultValue) ?? stringOf(registration.defaultValue) ?? "";
  const watched = field.watch(name) as unknown;
  const current = typeof watched === "string" ? watched : initial;
  const count = [...current].length;
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <textarea
        id={field.id}
        rows={rows}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={[field.describedBy, `${field.id}-count`].filter(Boolean).join(" ")}
        {...textarea}
        {...registration}
        defaultValue={initial}
      />
      <p className={`field__count${count > maxLength ? " field__count--over" : ""}`} id={`${field.id}-count`}>
        {t("common:form.characterCount", { count, max: maxLength })}
      </p>
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  /** The option's own language, when it is named in it (a language picker). */
  lang?: string;
}

export function SelectField({
  name,
  label,
  hint,
  options,
  placeholder,
  ...select
}: FieldProps & { options: readonly Option[]; placeholder?: string } & Omit<
    SelectHTMLAttributes<HTMLSelectElement>,
    "name" | "id"
  >) {
  const field = useField(name, Boolean(hint));
  const registration = field.register(name, { onChange: select.onChange });
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <select
        id={field.id}
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.describedBy}
        {...select}
        {...registration}
        defaultValue={stringOf(field.echoed) ?? select.defaultValue ?? registration.defaultValue}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} lang={option.lang}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

/** A single tick box ("on" when ticked) with its error. */
export function CheckboxField({
  name,
  label,
  hint,
  defaultChecked,
  ...input
}: InputProps & { defaultChecked?: boolean }) {
  const field = useField(name, Boolean(hint));
  const echoed = field.echoed;
  const checked = field.echo ? echoed === "on" || echoed === "true" : defaultChecked;
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <div className="checkbox">
        <input
          id={field.id}
          type="checkbox"
          value="on"
          aria-invalid={field.error ? true : undefined}
          aria-describedby={field.describedBy}
          {...input}
          {...field.register(name)}
          defaultChecked={checked}
        />
        <label htmlFor={field.id}>{label}</label>
      </div>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

/** Several tick boxes of one name; the action receives an array (see formDataToObject). */
export function CheckboxGroupField({
  name,
  label,
  hint,
  options,
  defaultValue = [],
  className,
}: FieldProps & { options: readonly Option[]; defaultValue?: readonly string[]; className?: string }) {
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
      <div className={className ?? "checkbox-grid"}>
        {options.map((option, index) => (
          <div className="checkbox" key={option.value}>
            <input
              id={`${field.id}-${index}`}
              type="checkbox"
              value={option.value}
              aria-invalid={field.error ? true : undefined}
              {...field.register(name)}
              // After the registration: remix-hook-form's register() answers `defaultChecked: undefined`
              // for a field whose default is not a boolean, which would untick every preset box.
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

/** Two dates, from and to; an error on either or on the range (key `rangeName`) shows under both. */
export function DateRangeField({
  name,
  fromName,
  toName,
  legend,
  fromLabel,
  toLabel,
  hint,
  min,
  max,
}: {
  /** The key of the range's own error (end before start…). */
  name: string;
  fromName: string;
  toName: string;
  legend: ReactNode;
  fromLabel: ReactNode;
  toLabel: ReactNode;
  hint?: ReactNode;
  min?: string;
  max?: string;
}) {
  const range = useField(name, Boolean(hint));
  const from = useField(fromName);
  const to = useField(toName);
  const error = range.error ?? from.error ?? to.error;
  const describedBy = [hint ? `${range.id}-hint` : null, error ? `${range.id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <fieldset className={`field${error ? " field--invalid" : ""}`} id={range.id} tabIndex={-1}>
      <legend>{legend}</legend>
      <FieldHint id={range.id}>{hint}</FieldHint>
      <div className="form--inline">
        <div>
          <label htmlFor={from.id}>{fromLabel}</label>
          <input
            id={from.id}
            type="date"
            min={min}
            max={max}
            aria-invalid={from.error || range.error ? true : undefined}
            aria-describedby={describedBy || undefined}
            {...from.register(fromName)}
            defaultValue={stringOf(from.echoed)}
          />
        </div>
        <div>
          <label htmlFor={to.id}>{toLabel}</label>
          <input
            id={to.id}
            type="date"
            min={min}
            max={max}
            aria-invalid={to.error || range.error ? true : undefined}
            aria-describedby={describedBy || undefined}
            {...to.register(toName)}
            defaultValue={stringOf(to.echoed)}
          />
        </div>
      </div>
      <FieldErrorMessage id={range.id} error={error} />
    </fieldset>
  );
}

/** A new password and its confirmation, with the policy as hint; never echoed back. */
export function NewPasswordFields({
  name = "password",
  confirmName = "passwordConfirm",
  label,
  confirmLabel,
  hint,
}: {
  name?: string;
  confirmName?: string;
  label: ReactNode;
  confirmLabel: ReactNode;
  hint?: ReactNode;
}) {
  return (
    <>
      <TextField name={name} type="password" required autoComplete="new-password" label={label} hint={hint} />
      <TextField
        name={confirmName}
        type="password"
        required
        autoComplete="new-password"
        label={confirmLabel}
      />
    </>
  );
}

/** A file (evidence uploads); the form must post `multipart/form-data`. Files are never echoed. */
export function FileField({ name, label, hint, ...input }: Omit<InputProps, "type">) {
  const field = useField(name, Boolean(hint));
  return (
    <div className={`field${field.error ? " field--invalid" : ""}`}>
      <label htmlFor={field.id}>{label}</label>
      <FieldHint id={field.id}>{hint}</FieldHint>
      <input
        id={field.id}
        type="file"
        aria-invalid={field.error ? true : undefined}
        aria-describedby={field.describedBy}
        {...input}
        {...field.register(name)}
      />
      <FieldErrorMessage id={field.id} error={field.error} />
    </div>
  );
}

export { fieldId };
