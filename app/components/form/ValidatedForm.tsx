import { Form, type FormProps, useNavigation } from "@remix-run/react";
import { type ButtonHTMLAttributes, type MouseEvent, type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { type UseFormReturn, useFormContext } from "react-hook-form";
import { RemixFormProvider } from "remix-hook-form";
import { flattenErrors } from "~/utils/form-data";
import { errorNamespaces } from "./FieldParts";
import { fieldId } from "./field-state";
import { ValidatedFormContext, type ValidatedFormHandle, useValidatedFormContext } from "./useValidatedForm";

/**
 * A <Form> validated in the browser by `useValidatedForm`, with the error summary at its top.
 * `noValidate`: the browser's own bubbles would be untranslated and one at a time; without JavaScript
 * the action's answer shows the same messages in place.
 */
export function ValidatedForm({
  form,
  children,
  method = "post",
  className = "form",
  ...props
}: { form: ValidatedFormHandle; children: ReactNode } & Omit<FormProps, "onSubmit" | "ref">) {
  return (
    // remix-hook-form 5.3's types predate react-hook-form's newest methods; at run time they are all there.
    <RemixFormProvider {...(form.methods as unknown as UseFormReturn)}>
      <ValidatedFormContext.Provider value={form.context}>
        <Form
          ref={form.formRef}
          method={method}
          className={className}
          noValidate
          id={form.id}
          onSubmit={form.onSubmit}
          aria-busy={form.context.pending || undefined}
          {...props}
        >
          <ErrorSummary />
          {children}
        </Form>
      </ValidatedFormContext.Provider>
    </RemixFormProvider>
  );
}

/** Focuses the field a summary link names (the first control of a group), as GOV.UK's summary does. */
function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const control =
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement
      ? target
      : (target.querySelector<HTMLElement>("input, select, textarea") ?? target);
  target.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
}

/**
 * Every error of the form, each linking to its field, and the form's own message (a refusal by the
 * domain). It takes the focus after a refused submit, so a screen reader reads it first.
 */
export function ErrorSummary() {
  const { t } = useTranslation(errorNamespaces);
  const context = useValidatedFormContext();
  const { formState } = useFormContext();
  // Shown once the form was sent (refused by the browser or by the server), as GOV.UK's summary is:
  // appearing on a blur it would move the whole form down under the pointer of the next press.
  const sent = formState.submitCount > 0 || Boolean(context?.echo);
  const errors = sent ? flattenErrors(formState.errors) : {};
  const form = context?.summaryRef.current?.closest("form");
  // In the order of the fields on the page (once in the browser; the server renders schema order).
  const position = (path: string) => {
    const element = document.getElementById(fieldId(path, context?.fieldPrefix));
    if (!form || !element) return Number.MAX_SAFE_INTEGER;
    return [...form.querySelectorAll("[id]")].indexOf(element);
  };
  const entries = Object.entries(errors).filter(([path]) => path !== "root");
  if (form) entries.sort(([a], [b]) => position(a) - position(b));
  const formError = context?.formError;
  const visible = entries.length > 0 || Boolean(formError);
  const focused = useRef(0);
  const focusRequest = context?.focusRequest ?? 0;
  useEffect(() => {
    if (visible && focusRequest > focused.current) {
      focused.current = focusRequest;
      context?.summaryRef.current?.focus();
    }
  }, [visible, focusRequest, context]);
  return (
    <div
      className={visible ? "error-summary" : "error-summary error-summary--empty"}
      ref={context?.summaryRef}
      tabIndex={-1}
      role={visible ? "alert" : undefined}
      aria-labelledby={visible ? "error-summary-title" : undefined}
      hidden={!visible}
    >
      {visible ? (
        <>
          <h2 className="error-summary__title" id="error-summary-title">
            {t("common:form.errorSummaryTitle")}
          </h2>
          {formError ? <p className="error-summary__form-error">{t(formError)}</p> : null}
          {entries.length > 0 ? (
            <ul className="error-summary__list">
              {entries.map(([path, message]) => (
                <li key={path}>
                  <a
                    href={`#${fieldId(path, context?.fieldPrefix)}`}
                    onClick={(event) => focusField(event, fieldId(path, context?.fieldPrefix))}
                  >
                    {t(message)}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * The form's submit button: shows a pending label while the post is under way and cannot be pressed
 * twice. Outside a ValidatedForm (a one-button form) it watches the page's navigation instead.
 */
export function SubmitButton({
  children,
  pendingLabel,
  className = "button button--primary",
  ...button
}: { children: ReactNode; pendingLabel?: ReactNode } & ButtonHTMLAttributes<HTMLButtonElement>) {
  const { t } = useTranslation("common");
  const context = useValidatedFormContext();
  const navigation = useNavigation();
  const minePosting =
    navigation.state !== "idle" &&
    navigation.formData !== undefined &&
    (!button.name || navigation.formData.get(button.name) === button.value);
  const pending = context ? context.pending && minePosting : minePosting;
  return (
    <button
      type="submit"
      className={className}
      aria-disabled={pending || undefined}
      data-pending={pending || undefined}
      {...button}
      onClick={(event) => {
        if (pending) event.preventDefault();
        button.onClick?.(event);
      }}
    >
      {pending ? (pendingLabel ?? t("form.submitting")) : children}
    </button>
  );
}
