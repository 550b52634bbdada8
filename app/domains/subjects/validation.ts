import { z } from "zod";
import { normalizeResidentId, parseResidentId, type ResidentIdInvalidReason } from "./resident-id";

import { consentDataCategories, supervisionLevels } from "./options";

export { consentDataCategories, type ConsentDataCategory, supervisionLevels } from "./options";

const idNumberMessages = {
  length: "validation:idNumber.length",
  characters: "validation:idNumber.characters",
  checksum: "validation:idNumber.checksum",
  birthDate: "validation:idNumber.birthDate",
} as const satisfies Record<ResidentIdInvalidReason, string>;

const isoDate = z.iso.date({ error: "validation:date.invalid" });

export const subjectRegistrationSchema = z
  .object({
    name: z
      .string({ error: "validation:subjectName.required" })
      .trim()
      .min(1, { error: "validation:subjectName.required" })
      .max(50, { error: "validation:subjectName.tooLong" }),
    idNumber: z
      .string({ error: "validation:idNumber.required" })
      .transform(normalizeResidentId)
      .superRefine((value, context) => {
        const parsed = parseResidentId(value, new Date());
        if (!parsed.ok) context.addIssue({ code: "custom", message: idNumberMessages[parsed.reason] });
      }),
    phone: z
      .string({ error: "validation:subjectPhone.invalid" })
      .trim()
      .transform((value) => value.replace(/[\s-]/g, "").replace(/^\+?86/, ""))
      .refine((value) => /^1[3-9]\d{9}$/.test(value), { error: "validation:subjectPhone.invalid" }),
    area: z
      .string({ error: "validation:area.required" })
      .trim()
      .min(1, { error: "validation:area.required" })
      .max(50, { error: "validation:area.tooLong" }),
    address: z
      .string({ error: "validation:subjectAddress.required" })
      .trim()
      .min(1, { error: "validation:subjectAddress.required" })
      .max(200, { error: "validation:subjectAddress.tooLong" }),
    supervisionLevel: z.enum(supervisionLevels, { error: "validation:supervisionLevel.invalid" }),
    correctionStart: isoDate,
    correctionEnd: isoDate,
    languages: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(/[,，、\s]+/)
          .map((language) => language.trim())
          .filter(Boolean)
          .slice(0, 10),
      ),
  })
  .refine((value) => value.correctionEnd >= value.correctionStart, {
    path: ["correctionEnd"],
    error: "validation:correctionEnd.beforeStart",
  });

/** Parsed from `{ ...fields, dataCategories: formData.getAll("dataCategories") }` (several checkboxes). */
export const consentSchema = z.object({
  recipientOrganizationId: z.uuid({ error: "validation:organization.required" }),
  purpose: z
    .string({ error: "validation:purpose.required" })
    .trim()
    .min(2, { error: "validation:purpose.required" })
    .max(200, { error: "validation:purpose.tooLong" }),
  expiresOn: isoDate,
  dataCategories: z
    .array(z.enum(consentDataCategories, { error: "validation:dataCategories.required" }))
    .min(1, { error: "validation:dataCategories.required" }),
});

/**
 * The consent form of the case page: its purpose is posted as `consentPurpose`, as the reveal form
 * on the same page has a `purpose` field (two fields of one name would share one id and one label).
 */
export const consentFormSchema = consentSchema.omit({ purpose: true }).extend({
  consentPurpose: consentSchema.shape.purpose,
});

export const revealSchema = z.object({
  purpose: z
    .string({ error: "validation:purpose.required" })
    .trim()
    .min(2, { error: "validation:purpose.required" })
    .max(200, { error: "validation:purpose.tooLong" }),
});
