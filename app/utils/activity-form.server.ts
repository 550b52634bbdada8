import type { FormObject } from "./form-data";
import { type Submission, submissionFailure, validateSubmission, readFormData } from "./forms.server";
import type { ActivityFailure } from "~/domains/volunteers/activity-store.server";
import { activitySchema } from "~/domains/volunteers/activity-validation";

/** Parses the activity form (the skills checkboxes arrive as an array); a rejection keeps what was typed. */
export async function parseActivityForm(request: Request): Promise<Submission<typeof activitySchema>> {
  return validateSubmission(await readFormData(request), activitySchema);
}

/** A domain refusal in the form: on its field, or above the form (409 for a state that changed). */
export function activityFormRefusal(
  values: FormObject,
  failure: Exclude<ActivityFailure, { notFound: true }>,
) {
  if (failure.field) return submissionFailure(values, { [failure.field]: failure.error });
  return submissionFailure(values, {}, { status: 409, formError: failure.error });
}
