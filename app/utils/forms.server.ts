import { data } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** What an action answers when input is rejected: field-level message keys and what was typed. */
export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
}

/** Never echo secrets back into the page. */
const secretFields = /password|code|token|website/i;

export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !secretFields.test(key)) values[key] = value;
  }
  return values;
}

function errorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    errors[path] ??= issue.message;
  }
  return errors;
}

/**
 * Parses a posted form with the same schema the page uses. On failure the route returns
 * `parsed.failure`: a 400 that the page renders in place (field errors as translation keys, typed
 * values kept). Returned, not thrown — a thrown response would replace the page with the error page.
 */
export async function parseForm<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<
  | { success: true; data: z.infer<Schema>; formData: FormData }
  | { success: false; failure: ReturnType<typeof formFailure>; formData: FormData }
> {
  const formData = await request.formData();
  const result = await schema.safeParseAsync(Object.fromEntries(formData));
  if (!result.success)
    return { success: false, failure: formFailure(formData, errorsOf(result.error)), formData };
  return { success: true, data: result.data, formData };
}

export function formFailure(
  formData: FormData,
  errors: FieldErrors,
  status = 400,
  formError?: string,
): ReturnType<typeof data<FormFailure>> {
  return data<FormFailure>({ errors, values: formValues(formData), formError }, { status });
}
