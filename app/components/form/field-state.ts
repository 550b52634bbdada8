import { get, type RegisterOptions, type UseFormRegisterReturn, useFormContext } from "react-hook-form";
import { useValidatedFormContext } from "./useValidatedForm";

/**
 * The element id of a field; the error summary links to it. `prefix` scopes the ids of a form that
 * a page repeats (one per table row), so two rows' fields never share an id.
 */
export function fieldId(name: string, prefix = ""): string {
  return `field-${prefix}${name}`;
}

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
  return {
    id,
    error,
    describedBy: describedBy || undefined,
    // remix-hook-form's register adds the default value as a prop, so it is in the server-rendered HTML.
    register: methods.register as (
      name: string,
      options?: RegisterOptions,
    ) => UseFormRegisterReturn & { defaultValue?: string; defaultChecked?: boolean },
    echoed,
    echo: Boolean(context?.echo),
    watch: methods.watch,
  };
}
