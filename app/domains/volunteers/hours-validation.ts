/**
 * The forms of service hours: self-reports, check-in / check-out, correction requests and staff
 * decisions. Shared by the page and the action; messages are keys of the "validation" namespace.
 * Client-safe.
 */
import { z } from "zod";

import { DESCRIPTION_MAX, EVIDENCE_MAX, MAX_RECORD_MINUTES, REASON_MAX } from "./hours-limits";

export { MAX_RECORD_MINUTES, DESCRIPTION_MAX, EVIDENCE_MAX, REASON_MAX, splitMinutes } from "./hours-limits";

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((value) => (value ? value : undefined));

const optionalUuid = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(z.uuid("validation:hourRecord.activityInvalid").optional());

/** Hours and minutes typed in two boxes (full-width digits allowed), as whole minutes. */
const durationFields = {
  hours: z.string().optional(),
  minutes: z.string().optional(),
};

/** The minutes of the two boxes, or the message key of what is wrong with them. */
function readDuration(input: { hours?: string; minutes?: string }): { minutes: number } | { error: string } {
  const read = (value: string | undefined) => {
    const text = (value ?? "").normalize("NFKC").trim();
    if (text === "") return 0;
    return /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN;
  };
  const hours = read(input.hours);
  const minutes = read(input.minutes);
  if (Number.isNaN(hours) || Number.isNaN(minutes) || minutes > 59)
    return { error: "validation:hourRecord.durationInvalid" };
  const total = hours * 60 + minutes;
  if (total < 1) return { error: "validation:hourRecord.durationRequired" };
  if (total > MAX_RECORD_MINUTES) return { error: "validation:hourRecord.durationTooLong" };
  return { minutes: total };
}

/**
 * The duration's issue, as a check that runs even while other fields are invalid (zod skips a
 * transform, and a refinement without `when`, once any field failed), so every error shows at once.
 */
function checkDuration(input: { hours?: string; minutes?: string }, ctx: z.RefinementCtx, path = "duration") {
  const duration = readDuration(input);
  if ("error" in duration) ctx.addIssue({ code: "custom", message: duration.error, path: [path] });
}

function minutesOf(input: { hours?: string; minutes?: string }): number {
  const duration = readDuration(input);
  return "minutes" in duration ? duration.minutes : 0;
}

export const selfReportSchema = z
  .object({
    serviceDate: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "validation:hourRecord.dateInvalid"),
    ...durationFields,
    activityId: optionalUuid,
    description: optionalText(DESCRIPTION_MAX, "validation:hourRecord.descriptionTooLong"),
    evidenceNote: optionalText(EVIDENCE_MAX, "validation:hourRecord.evidenceTooLong"),
  })
  .superRefine((input, ctx) => {
    checkDuration(input, ctx);
    if (!input.activityId && !input.description) {
      ctx.addIssue({
        code: "custom",
        message: "validation:hourRecord.descriptionRequired",
        path: ["description"],
      });
    }
  })
  .transform((input) => {
    return {
      serviceDate: input.serviceDate,
      minutes: minutesOf(input),
      activityId: input.activityId ?? null,
      description: input.description ?? null,
      evidenceNote: input.evidenceNote ?? null,
    };
  });
export type SelfReportInput = z.infer<typeof selfReportSchema>;

export const checkinSchema = z.object({
  intent: z.enum(["checkin", "checkout"], { error: "validation:form.invalid" }),
  activityId: z.uuid("validation:checkin.activityRequired"),
  // The field is called "checkinCode" so it is never echoed back into the page (see echoValues in app/utils/form-data.ts).
  checkinCode: z
    .string()
    .trim()
    .min(1, "validation:checkin.codeInvalid")
    .max(64, "validation:checkin.codeInvalid"),
});

export const correctionRequestSchema = z
  .object({
    ...durationFields,
    description: z
      .string()
      .trim()
      .min(1, "validation:hourRecord.descriptionRequired")
      .max(DESCRIPTION_MAX, "validation:hourRecord.descriptionTooLong"),
    reason: z
      .string()
      .trim()
      .min(1, "validation:hourCorrection.reasonRequired")
      .max(REASON_MAX, "validation:hourCorrection.reasonTooLong"),
  })
  .superRefine((input, ctx) => checkDuration(input, ctx))
  .transform((input) => ({
    proposedMinutes: minutesOf(input),
    proposedDescription: input.description,
    reason: input.reason,
  }));
export type CorrectionRequestInput = z.infer<typeof correctionRequestSchema>;

/** A staff decision's reason (reject), required and bounded. */
export const decisionReasonSchema = z
  .string()
  .trim()
  .min(1, "validation:hourReview.reasonRequired")
  .max(REASON_MAX, "validation:hourReview.reasonTooLong");

/** /staff/hours: the records ticked for approval (the boxes of the table, posted with the button). */
export const hourApprovalSchema = z.object({
  intent: z.literal("approve", { error: "validation:form.invalid" }),
  recordIds: z
    .array(z.uuid("validation:form.invalid"), { error: "validation:hourReview.selectionRequired" })
    .min(1, "validation:hourReview.selectionRequired")
    .max(200, "validation:form.invalid"),
});

/** /staff/hours: one record sent back, with the reason the volunteer is told. */
export const hourRejectionSchema = z.object({
  intent: z.literal("reject", { error: "validation:form.invalid" }),
  recordId: z.uuid("validation:form.invalid"),
  reason: decisionReasonSchema,
});

/** /staff/hours/corrections: accept or refuse a correction; a refusal needs its reason. */
export const correctionDecisionSchema = z
  .object({
    correctionId: z.uuid("validation:form.invalid"),
    decision: z.enum(["approve", "reject"], { error: "validation:form.invalid" }),
    reason: z.string().trim().max(REASON_MAX, "validation:hourReview.reasonTooLong").optional(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "reject" && !input.reason)
      ctx.addIssue({ code: "custom", path: ["reason"], message: "validation:hourReview.reasonRequired" });
  });

/** /certificates: the period a proof-of-service certificate covers (the domain checks its order). */
export const certificateRequestSchema = z.object({
  periodFrom: z.iso.date({ error: "validation:date.invalid" }),
  periodTo: z.iso.date({ error: "validation:date.invalid" }),
});
