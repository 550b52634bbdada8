import { data, type HeadersFunction } from "@remix-run/node";
import type { RateLimit } from "~/domains/accounts/request-limits";
import { hitRateLimits } from "~/domains/accounts/request-limits.server";
import { getDb } from "./db.server";
import { echoValues, formDataToObject } from "./form-data";
import type { SubmissionFailure } from "./forms.server";
import { clientIp } from "./session.server";

/** The 429 answer of a public form: the page in place with a translated notice, and `Retry-After`. */
export function tooManyRequests(
  formData: FormData,
  retryAfterSeconds: number,
  formError = "common:rateLimit.tooMany",
) {
  return data<SubmissionFailure>(
    { errors: {}, values: echoValues(formDataToObject(formData).values), formError },
    { status: 429, headers: { "Retry-After": String(retryAfterSeconds) } },
  );
}

/**
 * Counts this POST against its per-address limit and, when given, the per-email one (ADR 006); answers
 * the 429 to return when a limit is exceeded, or null. The email is counted whether or not it has an
 * account, so the answer never tells accounts apart.
 */
export async function limitPublicPost(
  request: Request,
  formData: FormData,
  limits: { address: RateLimit; email?: readonly [RateLimit, string] },
) {
  const checks: (readonly [RateLimit, string])[] = [[limits.address, clientIp(request)]];
  if (limits.email) checks.push([limits.email[0], limits.email[1].trim().toLowerCase()]);
  const result = await hitRateLimits(await getDb(), checks);
  return result.ok ? null : tooManyRequests(formData, result.retryAfterSeconds);
}

/**
 * A public form route's `headers` export: a document request keeps only cookies of an action's
 * headers unless the route passes them on, so the 429's Retry-After is passed on here.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  // As without a `headers` export (the parent's), plus the Retry-After.
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
