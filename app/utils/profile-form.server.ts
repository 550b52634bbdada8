import type { z } from "zod";
import { formFailure } from "./forms.server";
import {
  profileListFields,
  volunteerContactSchema,
  volunteerProfileSchema,
  type VolunteerContactInput,
  type VolunteerProfileInput,
} from "~/domains/volunteers/profile-validation";

/** What was posted, to show again: each multi-value field as one comma-separated value. */
export function profileEcho(formData: FormData): FormData {
  const echo = new FormData();
  const lists: readonly string[] = profileListFields;
  for (const [key, value] of formData) if (!lists.includes(key)) echo.append(key, value);
  for (const field of profileListFields) echo.set(field, formData.getAll(field).map(String).join(","));
  return echo;
}

function errorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/**
 * Parses the profile form: the whole registration, or (identity locked after approval) only the
 * fields a volunteer may still change. A rejection is a 400 that keeps what was typed.
 */
export function parseProfileForm(
  formData: FormData,
  identityLocked: boolean,
):
  | {
      success: true;
      data:
        ({ kind: "registration" } & VolunteerProfileInput) | ({ kind: "contact" } & VolunteerContactInput);
    }
  | { success: false; failure: ReturnType<typeof formFailure> } {
  const raw = {
    ...Object.fromEntries(formData),
    skills: formData.getAll("skills"),
    serviceOfficeIds: formData.getAll("serviceOfficeIds"),
    availability: formData.getAll("availability"),
  };
  if (identityLocked) {
    const result = volunteerContactSchema.safeParse(raw);
    if (!result.success)
      return { success: false, failure: formFailure(profileEcho(formData), errorsOf(result.error)) };
    return { success: true, data: { kind: "contact", ...result.data } };
  }
  const result = volunteerProfileSchema.safeParse(raw);
  if (!result.success)
    return { success: false, failure: formFailure(profileEcho(formData), errorsOf(result.error)) };
  return { success: true, data: { kind: "registration", ...result.data } };
}
