import { randomBytes } from "node:crypto";
import { SUBMISSION_KEY } from "~/domains/submissions.server";

/** The field every creating form carries (app/components/SubmissionKey.tsx). */
export const SUBMISSION_KEY_FIELD = "submissionKey";

/** A fresh idempotency key for one rendering of a form (loader): 128 random bits. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString("base64url").padEnd(22, "A");
}

/** The posted key, or null when it is missing or malformed (the form answers 400). */
export function submissionKeyOf(formData: FormData): string | null {
  const value = formData.get(SUBMISSION_KEY_FIELD);
  return typeof value === "string" && SUBMISSION_KEY.test(value) ? value : null;
}
