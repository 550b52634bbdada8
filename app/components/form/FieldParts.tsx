import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export const errorNamespaces = ["common", "validation"];

export function FieldHint({ id, children }: { id: string; children?: ReactNode }) {
  if (!children) return null;
  return (
    <p className="field__hint" id={`${id}-hint`}>
      {children}
    </p>
  );
}

/** The translated message of a field; the key comes from the schema or the domain. */
export function FieldErrorMessage({ id, error }: { id: string; error?: string }) {
  const { t } = useTranslation(errorNamespaces);
  if (!error) return null;
  return (
    <p className="field__error" id={`${id}-error`}>
      <span className="visually-hidden">{t("common:form.errorPrefix")}</span>
      {t(error)}
    </p>
  );
}
