/**
 * The forms of matching, shared by the page (client) and the action (server). Messages are
 * translation keys of the `matching` namespace. Several-valued fields come from checkboxes
 * (`formData.getAll`), so they arrive as arrays.
 */
import { z } from "zod";
import {
  declineReasons,
  genderRequirements,
  NEED_DESCRIPTION_MAX,
  needUrgencies,
  PROVIDER_CAPACITY_MAX,
  workerGenders,
} from "./options";
import { serviceCategories } from "./taxonomy";
import { CASE_CODE_PATTERN } from "~/domains/subjects/case-code-pattern";

const categoryIds = serviceCategories.map((category) => category.id) as [string, ...string[]];

const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

/** Free-text list ("普通话, 粤语"), as the subjects form takes languages. */
export const languageList = z
  .string()
  .optional()
  .transform((value) =>
    [
      ...new Set(
        (value ?? "")
          .split(/[,，、;；\s]+/)
          .map((language) => language.trim())
          .filter(Boolean),
      ),
    ].slice(0, 10),
  );

export const providerProfileSchema = z.object({
  categoryIds: many.pipe(
    z
      .array(z.enum(categoryIds, { error: "matching:errors.category" }))
      .min(1, { error: "matching:errors.categoriesRequired" }),
  ),
  coversDistrict: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
  officeIds: many.pipe(z.array(z.uuid({ error: "matching:errors.office" }))),
  languages: languageList,
  workerGenders: many.pipe(z.array(z.enum(workerGenders, { error: "matching:errors.workerGender" }))),
  capacity: z.coerce
    .number({ error: "matching:errors.capacity" })
    .int({ error: "matching:errors.capacity" })
    .min(0, { error: "matching:errors.capacity" })
    .max(PROVIDER_CAPACITY_MAX, { error: "matching:errors.capacity" }),
  paused: z
    .string()
    .optional()
    .transform((value) => value === "on" || value === "true"),
});
export type ProviderProfileInput = z.infer<typeof providerProfileSchema>;

export const needSchema = z.object({
  caseCode: z
    .string({ error: "matching:errors.caseCode" })
    .trim()
    .toUpperCase()
    .regex(CASE_CODE_PATTERN, { error: "matching:errors.caseCode" }),
  categoryId: z.enum(categoryIds, { error: "matching:errors.category" }),
  urgency: z.enum(needUrgencies, { error: "matching:errors.urgency" }),
  area: z.string().trim().max(50, { error: "matching:errors.areaTooLong" }).optional(),
  languages: languageList,
  genderRequirement: z
    .enum(genderRequirements, { error: "matching:errors.genderRequirement" })
    .default("none"),
  description: z
    .string({ error: "matching:errors.descriptionRequired" })
    .trim()
    .min(1, { error: "matching:errors.descriptionRequired" })
    .max(NEED_DESCRIPTION_MAX, { error: "matching:errors.descriptionTooLong" })
    .refine((value) => identifyingHints(value).length === 0, {
      error: "matching:errors.descriptionIdentifying",
    }),
});
export type NeedInput = z.infer<typeof needSchema>;

export const declineSchema = z
  .object({
    reason: z.enum(declineReasons, { error: "matching:errors.declineReason" }),
    note: z.string().trim().max(500, { error: "matching:errors.noteTooLong" }).optional(),
  })
  .refine((value) => value.reason !== "other" || (value.note ?? "").length > 0, {
    path: ["note"],
    error: "matching:errors.declineNoteRequired",
  });

export const progressSchema = z.object({
  note: z
    .string({ error: "matching:errors.noteRequired" })
    .trim()
    .min(1, { error: "matching:errors.noteRequired" })
    .max(1000, { error: "matching:errors.noteTooLong" }),
});

export const closeSchema = z.object({
  outcome: z.enum(["resolved", "not_resolved"], { error: "matching:errors.outcome" }),
  note: z
    .string({ error: "matching:errors.outcomeNoteRequired" })
    .trim()
    .min(1, { error: "matching:errors.outcomeNoteRequired" })
    .max(1000, { error: "matching:errors.noteTooLong" }),
});

/**
 * Words that suggest identifying details in a need's description (a name, an ID or phone number):
 * the form warns before saving. A hint, not a guarantee — staff are told never to identify.
 */
export function identifyingHints(description: string): ("idNumber" | "phone")[] {
  const hints: ("idNumber" | "phone")[] = [];
  if (/\d{17}[\dXx]|\d{15}/.test(description)) hints.push("idNumber");
  if (/1[3-9]\d{9}|\d{3,4}-\d{7,8}/.test(description)) hints.push("phone");
  return hints;
}
