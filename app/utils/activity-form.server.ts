import type { z } from "zod";
import { formFailure, readFormData } from "./forms.server";
import type { ActivityFailure } from "~/domains/volunteers/activity-store.server";
import { type ActivityInput, activitySchema } from "~/domains/volunteers/activity-validation";

/** The posted values to show again: the skills checkboxes as one comma-separated value. */
function echoOf(formData: FormData): FormData {
  const echo = new FormData();
  for (const [key, value] of formData) if (key !== "requiredSkills") echo.append(key, value);
  echo.set("requiredSkills", formData.getAll("requiredSkills").map(String).join(","));
  return echo;
}

function errorsOf(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
  return errors;
}

/** Parses the activity form (several skills checkboxes); a rejection is a 400 that keeps what was typed. */
export async function parseActivityForm(
  request: Request,
): Promise<
  | { success: true; data: ActivityInput; formData: FormData }
  | { success: false; failure: ReturnType<typeof formFailure> }
> {
  const formData = await readFormData(request);
  const result = activitySchema.safeParse({
    ...Object.fromEntries(formData),
    requiredSkills: formData.getAll("requiredSkills"),
  });
  if (!result.success)
    return { success: false, failure: formFailure(echoOf(formData), errorsOf(result.error)) };
  return { success: true, data: result.data, formData };
}

/** A domain refusal in the form: on its field, or above the form (409 for a state that changed). */
export function activityFormRefusal(
  formData: FormData,
  failure: Exclude<ActivityFailure, { notFound: true }>,
) {
  if (failure.field) return formFailure(echoOf(formData), { [failure.field]: failure.error });
  return formFailure(echoOf(formData), {}, 409, failure.error);
}
