import { zodResolver } from "@hookform/resolvers/zod";
import { data } from "@remix-run/node";
import { validateFormData } from "remix-hook-form";
import type { z } from "zod";
import {
  arrayFieldsOf,
  type EchoedValues,
  formParseOptions,
  echoValues,
  type FieldErrorTree,
  type FormObject,
  formDataToObject,
  nestErrors,
} from "./form-data";

/**
 * The one server-side parsing layer of posted forms (docs/decisions/009-forms.md). Every action reads
 * its body through `readFormData`, and validates it with `parseSubmission` against the same zod
 * schema the page validates with in the browser.
 */

export type FieldErrors = Record<string, string>;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The posted body as FormData. A body that is not a form (missing or other content type) is a 415,
 * one that cannot be read (a malformed multipart body, say) a 400 — thrown, so the page is replaced
 * by the error page: no form of the portal posts such a body.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!FORM_TYPES.includes(type)) throw new Response("Unsupported Media Type", { status: 415 });
  if (type === "multipart/form-data" && !/boundary=/i.test(request.headers.get("content-type") ?? ""))
    throw new Response("Bad Request", { status: 400 });
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
}

/** What an action answers when input is rejected: errors as react-hook-form keeps them, and what was typed. */
export interface SubmissionFailure {
  /** Which form of the page was posted (its `id`), when a page has several. */
  form?: string;
  errors: FieldErrorTree;
  values: EchoedValues;
  /** A message key shown above the form (in the error summary). */
  formError?: string;
}

export type Submission<Schema extends z.ZodType> =
  | { success: true; data: z.output<Schema>; formData: FormData; values: FormObject }
  | { success: false; failure: ReturnType<typeof submissionFailure>; formData: FormData; values: FormObject };

/**
 * Reads and validates a posted form with the page's schema. On failure the route returns
 * `parsed.failure`: a 400 the page renders in place (translated errors, typed values kept). Returned,
 * not thrown — a thrown response would replace the page with the error page.
 */
export async function parseSubmission<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  options: { form?: string; formData?: FormData } = {},
): Promise<Submission<Schema>> {
  const formData = options.formData ?? (await readFormData(request));
  return validateSubmission(formData, schema, options.form);
}

/** `parseSubmission` for FormData already read (pages whose action dispatches on an `intent`). */
export async function validateSubmission<Schema extends z.ZodType>(
  formData: FormData,
  schema: Schema,
  form?: string,
): Promise<Submission<Schema>> {
  const { values, textErrors } = formDataToObject(formData, arrayFieldsOf(schema));
  // The resolver the browser uses, through remix-hook-form's server helper — but never its
  // `parseFormData`, which JSON-parses every value (an ID number would become a float).
  const resolver = zodResolver(schema as never, formParseOptions as never) as never;
  const result = await validateFormData<Record<string, unknown>>(values, resolver);
  if (result.errors || Object.keys(textErrors).length > 0) {
    const errors = { ...(result.errors as FieldErrorTree | undefined) };
    Object.assign(errors, nestErrors(textErrors, "text"));
    return {
      success: false,
      failure: submissionFailure(values, { tree: stripRefs(errors) }, { form }),
      formData,
      values,
    };
  }
  return { success: true, data: result.data as z.output<Schema>, formData, values };
}

function stripRefs(tree: FieldErrorTree): FieldErrorTree {
  return JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === "ref" ? undefined : value)));
}

/**
 * A refusal of the form, e.g. by the domain after validation passed: field errors (flat `a.0.b`
 * keys → message keys) and/or a message above the form. Status 400, or 409 for a state that changed.
 */
export function submissionFailure(
  values: FormObject | FormData,
  errors: FieldErrors | { tree: FieldErrorTree },
  options: { status?: number; formError?: string; form?: string } = {},
) {
  const object = values instanceof FormData ? formDataToObject(values).values : values;
  const tree =
    "tree" in errors && typeof errors.tree === "object" ? errors.tree : nestErrors(errors as FieldErrors);
  return data<SubmissionFailure>(
    {
      ...(options.form ? { form: options.form } : {}),
      errors: tree as FieldErrorTree,
      values: echoValues(object),
      ...(options.formError ? { formError: options.formError } : {}),
    },
    { status: options.status ?? 400 },
  );
}

// ---------------------------------------------------------------------------------------------------
// Queries (GET forms and filters).

/** The query of a request, refused (400, thrown) when it holds a NUL, which no text column can store. */
export function searchParamsOf(request: Request): URLSearchParams {
  const params = new URL(request.url).searchParams;
  for (const [key, value] of params) {
    if (key.includes("\u0000") || value.includes("\u0000"))
      throw plainResponse(400, "Bad Request: invalid characters / 含有无效字符");
  }
  return params;
}

function plainResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
