import type { InputHTMLAttributes } from "react";
import { useTranslation } from "react-i18next";

export interface FormState {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  formError?: string;
}

/**
 * Errors are `validation:…` (or `accounts:…`) keys. Asking for the namespace here loads it in the
 * browser even when the page was reached by client-side navigation from a page without it.
 */
const errorNamespaces = ["common", "validation"];

/** A labelled input with its error in place; the error is a translation key from the schema. */
export function TextField({
  name,
  label,
  hint,
  state,
  ...input
}: {
  name: string;
  label: string;
  hint?: string;
  state?: FormState;
} & InputHTMLAttributes<HTMLInputElement>) {
  const { t } = useTranslation(errorNamespaces);
  const error = state?.errors?.[name];
  const id = `field-${name}`;
  const describedBy =
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        defaultValue={input.type === "password" ? undefined : state?.values?.[name]}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {error ? (
        <p className="field__error" id={`${id}-error`} role="alert">
          {t(error)}
        </p>
      ) : null}
    </div>
  );
}

export function FormError({ state }: { state?: FormState }) {
  const { t } = useTranslation(errorNamespaces);
  if (!state?.formError) return null;
  return (
    <div className="alert alert--error" role="alert">
      {t(state.formError)}
    </div>
  );
}

/** Moved to ~/components/Notice and ~/components/form/Honeypot; re-exported until the last old form goes. */
export { Notice } from "./Notice";
export { Honeypot } from "./form/Honeypot";
