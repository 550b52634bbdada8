/**
 * The idempotency key of a form that creates something (from its loader): sent with the form, so a
 * double click, a retry or a replay creates one record (app/domains/submissions.server.ts).
 */
export function SubmissionKey({ value }: { value: string }) {
  return <input type="hidden" name="submissionKey" value={value} />;
}
