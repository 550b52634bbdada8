import { data } from "@remix-run/node";
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** What an action answers when input is rejected: field-level message keys and what was typed. */
export interface FormFailure {
  errors: FieldErrors;
  values: Record<string, string>;
  formError?: string;
}

/**
 * The one guarded read of a posted body, for every action: a body that is not a form (JSON, XML, no or
 * a boundary-less content type) answers 415, one that cannot be parsed (malformed multipart) 400, and
 * a NUL anywhere (PostgreSQL text can never hold it) 400 — thrown, before anything reaches the database.
 * Deliberately minimal: field-level text rules belong to the shared form parser.
 */
export async function readFormData(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  const urlencoded = type.startsWith("application/x-www-form-urlencoded");
  const multipart = type.startsWith("multipart/form-data") && /;\s*boundary=/.test(type);
  if (!urlencoded && !multipart) throw plainResponse(415, "Unsupported Media Type / 不支持的请求格式");
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    throw plainResponse(400, "Bad Request: unreadable form / 无法读取的表单");
  }
  for (const [key, value] of formData) {
    if (key.includes("\u0000") || (typeof value === "string" && value.includes("\u0000")))
      throw plainResponse(400, "Bad Request: invalid characters / 含有无效字符");
  }
  return formData;
}

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
  const formData = await readFormData(request);
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
