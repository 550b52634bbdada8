import { useActionData, useNavigation, useSubmit } from "@remix-run/react";
import {
  createContext,
  type FormEvent,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import type { FieldErrors, FieldValues, Resolver } from "react-hook-form";
import { useRemixForm } from "remix-hook-form";
import { useServerForm } from "./server-form";
import type { z } from "zod";
import {
  arrayFieldsOf,
  type EchoedValues,
  formDataToObject,
  formParseOptions,
  nestErrors,
} from "~/utils/form-data";

/** What an action answers when it refuses a form (see SubmissionFailure in app/utils/forms.server.ts). */
export interface FailureData {
  form?: string;
  errors: Record<string, unknown>;
  values: EchoedValues;
  formError?: string;
}

export function isFailure(value: unknown): value is FailureData {
  return (
    typeof value === "object" &&
    value !== null &&
    "errors" in value &&
    "values" in value &&
    typeof (value as { errors: unknown }).errors === "object"
  );
}

export interface ValidatedFormContextValue {
  /** The posted values after a refusal of this form, to show again (also with JavaScript off). */
  values: EchoedValues;
  /** True when the page shows this form's refused post (unticked boxes are then unticked, not stored). */
  echo: boolean;
  /** True when the last refusal on the page belongs to another form of the page. */
  foreign: boolean;
  formError?: string;
  pending: boolean;
  summaryRef: RefObject<HTMLDivElement>;
  /** Counts refused submits; the error summary takes the focus once it shows the new errors. */
  focusRequest: number;
  /** Prefix of this form's field ids (a form repeated per row of a table); empty otherwise. */
  fieldPrefix?: string;
}

/** react-hook-form in the browser; its first render's reading without it on the server (server-form.ts). */
const useFormMethods = typeof document === "undefined" ? useServerForm : useRemixForm;

export const ValidatedFormContext = createContext<ValidatedFormContextValue | null>(null);

export function useValidatedFormContext() {
  return useContext(ValidatedFormContext);
}

/**
 * A form validated in the browser with the same zod schema the action uses (docs/decisions/009-forms.md).
 *
 * The resolver does not read react-hook-form's field values: it reads the live <form> through the same
 * `formDataToObject` the server uses, so hidden inputs, checkbox groups and the pressed button count
 * exactly as they will when posted. Fields are validated once touched (on blur), then as they change;
 * a submit shows every error at once in the error summary, which takes the focus. A valid form is
 * posted as the browser would post it (FormData of the form and its submitter, no JSON), so the action
 * sees the same body with JavaScript on or off. A second submit while one is under way is ignored.
 */
export function useValidatedForm<Schema extends z.ZodType>({
  schema,
  id,
  fieldPrefix,
  defaultValues = {},
}: {
  /**
   * The action's schema, or a function importing it: zod and the resolver then load on the first
   * validation instead of with the page (keeps first-load JS of the public pages under budget).
   */
  schema: Schema | (() => Promise<Schema>);
  /** Needed only when the page has several forms: the action answers `{ form: id }` with its refusal. */
  id?: string;
  /** Scopes the field ids (`field-<prefix><name>`) of a form the page repeats, e.g. one per row. */
  fieldPrefix?: string;
  defaultValues?: Record<string, unknown>;
}) {
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const submitter = useRef<HTMLElement | null>(null);
  const inFlight = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const actionData = useActionData<unknown>();
  const failure = isFailure(actionData) ? actionData : undefined;
  const mine = failure && (!failure.form || !id || failure.form === id) ? failure : undefined;
  const foreign = Boolean(failure && !mine);

  const resolver = useMemo(() => {
    let loaded: Promise<{ base: Resolver<FieldValues>; arrays: Set<string> }> | null = null;
    const load = () =>
      (loaded ??= (async () => {
        const resolved = typeof schema === "function" ? await schema() : schema;
        const { zodResolver } = await import("@hookform/resolvers/zod");
        return {
          base: zodResolver(resolved as never, formParseOptions as never) as unknown as Resolver<FieldValues>,
          arrays: arrayFieldsOf(resolved),
        };
      })());
    const read: Resolver<FieldValues> = async (values, context, options) => {
      const { base, arrays } = await load();
      const form = formRef.current;
      if (!form) return base(values, context, options);
      const button = submitter.current;
      const formData =
        button instanceof HTMLButtonElement && button.form === form && button.name
          ? new FormData(form, button)
          : new FormData(form);
      const posted = formDataToObject(formData, arrays);
      const result = await base(posted.values, context, options);
      if (Object.keys(posted.textErrors).length === 0) return result;
      const errors = { ...result.errors, ...nestErrors(posted.textErrors, "text") } as FieldErrors;
      return { values: {}, errors };
    };
    return read;
  }, [schema]);

  const submit = useSubmit();
  const navigation = useNavigation();
  const methods = useFormMethods<FieldValues>({
    resolver,
    mode: "onTouched",
    shouldFocusError: false,
    defaultValues: { ...defaultValues, ...(mine?.values ?? {}) },
    submitHandlers: {
      onValid: () => {
        const form = formRef.current;
        if (!form) return;
        setSubmitting(true);
        const button = submitter.current;
        submit(button instanceof HTMLButtonElement && button.form === form ? button : form);
      },
      onInvalid: () => {
        inFlight.current = false;
        setFocusRequest((count) => count + 1);
      },
    },
  });

  // Back to idle after being busy: the post was answered (a refusal re-renders this form; a redirect
  // leaves it). The router may still be idle in the first render after `submit`, hence `busy`.
  const busy = useRef(false);
  useEffect(() => {
    if (!submitting) return;
    if (navigation.state !== "idle") busy.current = true;
    else if (busy.current) {
      busy.current = false;
      setSubmitting(false);
      inFlight.current = false;
    }
  }, [navigation.state, submitting]);

  // A refusal by the server: its errors are in react-hook-form's state (remix-hook-form passes them);
  // move the focus to the summary. Another form's refusal is not this form's business.
  const { clearErrors } = methods;
  useEffect(() => {
    if (mine) setFocusRequest((count) => count + 1);
    else if (foreign) clearErrors();
  }, [mine, foreign, clearErrors]);

  const { handleSubmit } = methods;
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      if (inFlight.current) {
        event.preventDefault();
        return;
      }
      inFlight.current = true;
      submitter.current = (event.nativeEvent as SubmitEvent).submitter ?? null;
      return handleSubmit(event);
    },
    [handleSubmit],
  );

  const context = useMemo<ValidatedFormContextValue>(
    () => ({
      values: mine?.values ?? {},
      echo: Boolean(mine),
      foreign,
      formError: mine?.formError,
      pending: submitting,
      summaryRef,
      focusRequest,
      fieldPrefix,
    }),
    [mine, foreign, submitting, focusRequest, fieldPrefix],
  );

  return { methods, formRef, onSubmit, context, id };
}

export type ValidatedFormHandle = ReturnType<typeof useValidatedForm>;
