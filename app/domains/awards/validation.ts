import { z } from "zod";

/**
 * Form rules of the awards pages; messages are keys of the `validation` namespace (shown translated).
 * Hours are typed in whole hours and stored in minutes.
 */
const optionalCount = (max: number) =>
  z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? null : value),
    z.coerce
      .number({ error: "awards.count" })
      .int({ error: "awards.count" })
      .min(1, { error: "awards.count" })
      .max(max, { error: "awards.count" })
      .nullable(),
  );

export const awardTypeSchema = z
  .object({
    nameZh: z.string().trim().min(2, { error: "awards.name" }).max(40, { error: "awards.name" }),
    nameEn: z.string().trim().min(2, { error: "awards.name" }).max(80, { error: "awards.name" }),
    nomineeKind: z.enum(["volunteer", "social_org"], { error: "awards.nomineeKind" }),
    periodKind: z.enum(["year", "half_year"], { error: "awards.periodKind" }),
    minHours: optionalCount(10_000),
    minActivities: optionalCount(1_000),
    noticeWorkingDays: z.coerce
      .number({ error: "awards.noticeDays" })
      .int({ error: "awards.noticeDays" })
      .min(5, { error: "awards.noticeDays" })
      .max(30, { error: "awards.noticeDays" }),
    active: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  })
  .refine((value) => value.minHours !== null || value.minActivities !== null, {
    error: "awards.criteriaRequired",
    path: ["minHours"],
  });
export type AwardTypeInput = z.infer<typeof awardTypeSchema>;

export const nominationSchema = z.object({
  awardTypeId: z.uuid({ error: "awards.typeRequired" }),
  periodKey: z.string().regex(/^\d{4}(-H[12])?$/, { error: "awards.periodRequired" }),
  nomineeId: z.uuid({ error: "awards.nomineeRequired" }),
  statement: z
    .string()
    .trim()
    .min(20, { error: "awards.statement" })
    .max(2000, { error: "awards.statement" }),
  publishFullName: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
});

export const decisionSchema = z.object({
  action: z.enum(["approve", "return", "reject", "resubmit", "withdraw", "revoke"], {
    error: "awards.action",
  }),
  comment: z.string().trim().max(1000, { error: "awards.comment" }).optional().default(""),
});

export const objectionSchema = z.object({
  filerName: z.string().trim().min(1, { error: "awards.filerName" }).max(40, { error: "awards.filerName" }),
  filerContact: z
    .string()
    .trim()
    .min(5, { error: "awards.filerContact" })
    .max(80, { error: "awards.filerContact" }),
  body: z.string().trim().min(10, { error: "awards.objection" }).max(2000, { error: "awards.objection" }),
});

export const resolutionSchema = z.object({
  objectionId: z.uuid(),
  outcome: z.enum(["upheld", "dismissed"], { error: "awards.outcome" }),
  resolution: z
    .string()
    .trim()
    .min(5, { error: "awards.resolution" })
    .max(1000, { error: "awards.resolution" }),
});
