import { useActionData } from "@remix-run/react";
import { type FieldValues, get, type RegisterOptions } from "react-hook-form";
import type { useRemixForm } from "remix-hook-form";

const noop = () => {};
const resolved = () => Promise.resolve();

/**
 * What a ValidatedForm's fields read of react-hook-form while the server renders the page, without
 * react-hook-form (ADR 019). A form's control (`useForm`: a store, subjects, proxies, a dozen closures)
 * is built for the browser, where it validates and submits; the server renders each form once into
 * HTML and throws it away. On a page with a form per table row, building those was a quarter of the
 * server's CPU for the page. The HTML is the same as react-hook-form's first render: the registration
 * is the field's name (and `disabled` when given) with remix-hook-form's default value or tick, the
 * errors are those of the action's answer, nothing is touched or submitted yet, and `watch` reads the
 * default values. In the browser, `useValidatedForm` uses remix-hook-form as before and hydrates the
 * same markup.
 */
export function useServerForm<Values extends FieldValues>(
  options: Parameters<typeof useRemixForm<Values>>[0],
): ReturnType<typeof useRemixForm<Values>> {
  const actionData = useActionData<unknown>();
  const errors =
    typeof actionData === "object" && actionData !== null && "errors" in actionData
      ? ((actionData as { errors?: Record<string, unknown> }).errors ?? {})
      : {};
  const defaultValues = (options.defaultValues ?? {}) as Record<string, unknown>;
  const formState = {
    errors,
    touchedFields: {},
    dirtyFields: {},
    validatingFields: {},
    submitCount: 0,
    defaultValues,
    isDirty: false,
    isLoading: false,
    isSubmitted: false,
    isSubmitSuccessful: false,
    isSubmitting: false,
    isValidating: false,
    isValid: false,
    isReady: false,
    disabled: false,
  };
  const register = (name: string, registerOptions?: RegisterOptions) => {
    const value = get(defaultValues, name) as unknown;
    return {
      ...(typeof registerOptions?.disabled === "boolean" ? { disabled: registerOptions.disabled } : {}),
      name,
      onChange: resolved,
      onBlur: resolved,
      ref: noop,
      defaultValue: typeof value === "string" ? value : undefined,
      defaultChecked: typeof value === "boolean" ? value : undefined,
    };
  };
  const watch = (name?: string | string[]) => {
    if (name === undefined) return { ...defaultValues };
    if (Array.isArray(name)) return name.map((each) => get(defaultValues, each) as unknown);
    return get(defaultValues, name) as unknown;
  };
  const methods = {
    formState,
    register,
    watch,
    getValues: watch,
    getFieldState: (name: string) => ({
      invalid: get(errors, name) !== undefined,
      isDirty: false,
      isTouched: false,
      isValidating: false,
      error: get(errors, name) as unknown,
    }),
    handleSubmit: resolved,
    reset: noop,
    resetField: noop,
    setError: noop,
    clearErrors: noop,
    setValue: noop,
    setFocus: noop,
    trigger: () => Promise.resolve(false),
    unregister: noop,
    subscribe: () => noop,
    control: undefined,
  };
  return methods as unknown as ReturnType<typeof useRemixForm<Values>>;
}
