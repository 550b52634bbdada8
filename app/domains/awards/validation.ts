import { z } from "zod";
import { type FigureKey, figuresOfKind, nomineeKinds } from "./eligibility";

/**
 * Form rules of the awards pages; messages are keys of the `validation` namespace (shown translated).
 * Hours are typed in whole hours and stored in minutes.
 */
const optionalCount = (max: number) =>
  z.preprocess(
    (value) => (value === "" || value === undefined || value === null ? null : value),
    z.coerce
      .number({ error: "validation:awards.count" })
      .int({ error: "validation:awards.count" })
      .min(1, { error: "validation:awards.count" })
      .max(max, { error: "validation:awards.count" })
      .nullable(),
  );

/** The criteria fields of the award type form, with the figure each one sets. */
export const criterionFields = {
  minHours: "minutes",
  minActivities: "activities",
  minPlacements: "placements",
  minRetained30: "retained30",
  minRetained90: "retained90",
  minRetained180: "retained180",
  minConsultations: "consultations",
  minReferralsResolved: "referralsResolved",
} as const satisfies Record<string, FigureKey>;
export type CriterionField = keyof typeof criterionFields;

const criterionFieldOf = (figure: FigureKey) =>
  (Object.keys(criterionFields) as CriterionField[]).find((field) => criterionFields[field] === figure);

export const awardTypeSchema = z
  .object({
    nameZh: z
      .string()
      .trim()
      .min(2, { error: "validation:awards.name" })
      .max(40, { error: "validation:awards.name" }),
    nameEn: z
      .string()
      .trim()
      .min(2, { error: "validation:awards.name" })
      .max(80, { error: "validation:awards.name" }),
    nomineeKind: z.enum(nomineeKinds, { error: "validation:awards.nomineeKind" }),
    periodKind: z.enum(["year", "half_year"], { error: "validation:awards.periodKind" }),
    minHours: optionalCount(10_000),
    minActivities: optionalCount(1_000),
    minPlacements: optionalCount(1_000),
    minRetained30: optionalCount(1_000),
    minRetained90: optionalCount(1_000),
    minRetained180: optionalCount(1_000),
    minConsultations: optionalCount(10_000),
    minReferralsResolved: optionalCount(1_000),
    noticeWorkingDays: z.coerce
      .number({ error: "validation:awards.noticeDays" })
      .int({ error: "validation:awards.noticeDays" })
      .min(5, { error: "validation:awards.noticeDays" })
      .max(30, { error: "validation:awards.noticeDays" }),
    active: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
  })
  .superRefine((value, context) => {
    const applies = figuresOfKind[value.nomineeKind];
    let set = 0;
    for (const [field, figure] of Object.entries(criterionFields) as [CriterionField, FigureKey][]) {
      if (value[field] === null) continue;
      if (applies.includes(figure)) set += 1;
      else
        context.addIssue({ code: "custom", message: "validation:awards.criterionNotForKind", path: [field] });
    }
    if (set === 0)
      context.addIssue({
        code: "custom",
        message: "validation:awards.criteriaRequired",
        path: [applies.includes("minutes") ? "minHours" : (criterionFieldOf(applies[0]!) ?? "minHours")],
      });
  });
/** A type's fields; criteria left out do not apply (as if left empty). */
export type AwardTypeInput = Omit<z.infer<typeof awardTypeSchema>, CriterionField> &
  Partial<Pick<z.infer<typeof awardTypeSchema>, CriterionField>>;

export const nominationSchema = z.object({
  awardTypeId: z.uuid({ error: "validation:awards.typeRequired" }),
  periodKey: z.string().regex(/^\d{4}(-H[12])?$/, { error: "validation:awards.periodRequired" }),
  nomineeId: z.uuid({ error: "validation:awards.nomineeRequired" }),
  statement: z
    .string()
    .trim()
    .min(20, { error: "validation:awards.statement" })
    .max(2000, { error: "validation:awards.statement" }),
  publishFullName: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
});

export const decisionSchema = z.object({
  action: z.enum(["approve", "return", "reject", "resubmit", "withdraw", "revoke"], {
    error: "validation:awards.action",
  }),
  comment: z.string().trim().max(1000, { error: "validation:awards.comment" }).optional().default(""),
  statement: z.string().trim().max(2000, { error: "validation:awards.statement" }).optional().default(""),
});

export const objectionSchema = z.object({
  filerName: z
    .string()
    .trim()
    .min(1, { error: "validation:awards.filerName" })
    .max(40, { error: "validation:awards.filerName" }),
  filerContact: z
    .string()
    .trim()
    .min(5, { error: "validation:awards.filerContact" })
    .max(80, { error: "validation:awards.filerContact" }),
  body: z
    .string()
    .trim()
    .min(10, { error: "validation:awards.objection" })
    .max(2000, { error: "validation:awards.objection" }),
});

export const resolutionSchema = z.object({
  objectionId: z.uuid(),
  outcome: z.enum(["upheld", "dismissed"], { error: "validation:awards.outcome" }),
  resolution: z
    .string()
    .trim()
    .min(5, { error: "validation:awards.resolution" })
    .max(1000, { error: "validation:awards.resolution" }),
});
