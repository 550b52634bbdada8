import { get, type RegisterOptions, type UseFormRegisterReturn, useFormContext } from "react-hook-form";
import { useEffect } from "react";
import { afterPointerPress, watchPointerPresses } from "./pointer-press";
import { useValidatedFormContext } from "./useValidatedForm";

/**
 * The element id of a field; the error summary links to it. `prefix` scopes the ids of a form that
 * a page repeats (one per table row), so two rows' fields never share an id.
 */
export function fieldId(name: string, prefix = ""): string {
  return `field-${prefix}${name}`;
}

type Registration = UseFormRegisterReturn & { defaultValue?: string; defaultChecked?: boolean };

/**
 * Everything a field component needs: react-hook-form's registration (with the server's echo as the
 * default value, for pages rendered without JavaScript), its error message key, and aria wiring.
 */
export function useField(name: string, hint?: boolean) {
  const methods = useFormContext();
  const context = useValidatedFormContext();
  const { errors, touchedFields, submitCount } = methods.formState;
  const raw = get(errors, name) as { message?: unknown } | undefined;
  // Another form's refusal fills this form's state until the effect clears it: ignore it until then.
  const own = !context?.foreign || get(touchedFields, name) || submitCount > 0;
  const error = own && raw && typeof raw.message === "string" && raw.message ? raw.message : undefined;
  const id = fieldId(name, context?.fieldPrefix);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  const echoed = context ? (get(context.values, name) as unknown) : undefined;
  useEffect(watchPointerPresses, []);
  // Validation on blur waits while the press that moved the focus is held (see pointer-press.ts):
  // an error appearing under the pointer would move the control it is about to release on.
  const register = (field: string, options?: RegisterOptions) => {
    const registration = methods.register(field, options) as Registration;
    const { onBlur } = registration;
    return {
      ...registration,
      onBlur: (event: Parameters<typeof onBlur>[0]) =>
        new Promise<void>((resolve) =>
          afterPointerPress(
            () =>
              void onBlur(event).then(
                () => resolve(),
                () => resolve(),
              ),
          ),
        ),
    };
  };
  return {
    id,
    error,
    describedBy: describedBy || undefined,
    // remix-hook-form's register adds the default value as a prop, so it is in the server-rendered HTML.
    register,
    echoed,
    echo: Boolean(context?.echo),
    watch: methods.watch,
  };
}
