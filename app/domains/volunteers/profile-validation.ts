import { z } from "zod";
import { isValidPhone, normalizePhone } from "~/domains/accounts/validation";
import { normalizeResidentId, parseResidentId, shanghaiDate } from "~/domains/subjects/resident-id";
import { qualificationKinds, volunteerSkills } from "./activity-options";
import {
  DECISION_REASON_MAX,
  LANGUAGE_MAX_LENGTH,
  LANGUAGES_MAX,
  LEGAL_NAME_MAX,
  QUALIFICATION_TEXT_MAX,
} from "./profile-limits";
import { availabilitySlots, volunteerDecisions } from "./volunteer-profile";

export {
  DECISION_REASON_MAX,
  LANGUAGE_MAX_LENGTH,
  LANGUAGES_MAX,
  LEGAL_NAME_MAX,
  profileListFields,
  QUALIFICATION_TEXT_MAX,
} from "./profile-limits";

const idNumber = z
  .string({ error: "validation:idNumber.required" })
  .transform(normalizeResidentId)
  .superRefine((value, context) => {
    if (value === "") {
      context.addIssue({ code: "custom", message: "validation:idNumber.required" });
      return;
    }
    const parsed = parseResidentId(value, new Date());
    if (parsed.ok) return;
    const messages = {
      length: "validation:idNumber.length",
      characters: "validation:idNumber.characters",
      checksum: "validation:idNumber.checksum",
      birthDate: "validation:idNumber.birthDate",
    } as const;
    context.addIssue({ code: "custom", message: messages[parsed.reason] });
  });

const phone = z
  .string({ error: "validation:contactPhone.required" })
  .overwrite(normalizePhone)
  .min(1, { error: "validation:contactPhone.required" })
  .refine(isValidPhone, { error: "validation:contactPhone.invalid" });

const emergencyContactPhone = z
  .string({ error: "validation:emergencyContactPhone.required" })
  .overwrite(normalizePhone)
  .min(1, { error: "validation:emergencyContactPhone.required" })
  .refine(isValidPhone, { error: "validation:emergencyContactPhone.invalid" });

/** Everything a volunteer may change at any time, also after approval. */
const contactFields = {
  phone,
  skills: z
    .array(z.enum(volunteerSkills, { error: "validation:volunteerSkills.invalid" }))
    .min(1, { error: "validation:volunteerSkills.required" })
    .transform((skills) => [...new Set(skills)]),
  languages: z
    .string()
    .optional()
    .transform((value) => [
      ...new Set(
        (value ?? "")
          .split(/[,，、;；\s]+/)
          .map((language) => language.trim())
          .filter(Boolean),
      ),
    ])
    .refine(
      (languages) =>
        languages.length <= LANGUAGES_MAX &&
        languages.every((language) => language.length <= LANGUAGE_MAX_LENGTH),
      { error: "validation:volunteerLanguages.tooMany" },
    ),
  serviceOfficeIds: z
    .array(z.uuid({ error: "validation:serviceOffices.invalid" }))
    .max(50, { error: "validation:serviceOffices.invalid" })
    .transform((ids) => [...new Set(ids)]),
  availability: z
    .array(z.enum(availabilitySlots as [string, ...string[]], { error: "validation:availability.invalid" }))
    .min(1, { error: "validation:availability.required" })
    .transform((slots) => availabilitySlots.filter((slot) => slots.includes(slot))),
  emergencyContactName: z
    .string({ error: "validation:emergencyContactName.required" })
    .trim()
    .min(1, { error: "validation:emergencyContactName.required" })
    .max(LEGAL_NAME_MAX, { error: "validation:emergencyContactName.tooLong" }),
  emergencyContactPhone,
};

/**
 * The registration (new, pending or rejected). Parse
 * `{ ...Object.fromEntries(formData), skills: getAll, serviceOfficeIds: getAll, availability: getAll }`.
 * Whether the chosen offices exist and are verified is checked by the domain.
 */
export const volunteerProfileSchema = z.object({
  legalName: z
    .string({ error: "validation:volunteerName.required" })
    .trim()
    .min(1, { error: "validation:volunteerName.required" })
    .max(LEGAL_NAME_MAX, { error: "validation:volunteerName.tooLong" }),
  idNumber,
  homeOfficeId: z
    .string({ error: "validation:homeOffice.required" })
    .trim()
    .min(1, { error: "validation:homeOffice.required" })
    .pipe(z.uuid({ error: "validation:homeOffice.invalid" })),
  ...contactFields,
  acceptVolunteerTerms: z.literal("on", { error: "validation:volunteerTerms.required" }),
});
export type VolunteerProfileInput = z.infer<typeof volunteerProfileSchema>;

/** What an approved (or suspended) volunteer may still change: no name, ID number or home office. */
export const volunteerContactSchema = z.object(contactFields);
export type VolunteerContactInput = z.infer<typeof volunteerContactSchema>;

export const qualificationSchema = z.object({
  kind: z.enum(qualificationKinds, { error: "validation:qualificationKind.invalid" }),
  certificateNumber: z
    .string({ error: "validation:qualificationNumber.required" })
    .trim()
    .min(1, { error: "validation:qualificationNumber.required" })
    .max(QUALIFICATION_TEXT_MAX, { error: "validation:qualificationNumber.tooLong" }),
  issuedBy: z
    .string({ error: "validation:qualificationIssuer.required" })
    .trim()
    .min(1, { error: "validation:qualificationIssuer.required" })
    .max(QUALIFICATION_TEXT_MAX, { error: "validation:qualificationIssuer.tooLong" }),
  expiresOn: z
    .union([z.literal(""), z.iso.date({ error: "validation:date.invalid" })], {
      error: "validation:date.invalid",
    })
    .optional()
    .transform((value) => (value ? value : null))
    .refine((value) => value === null || value >= shanghaiDate(new Date()), {
      error: "validation:expiresOn.past",
    }),
});
export type QualificationInput = z.infer<typeof qualificationSchema>;

/** A staff decision on a registration; the reason is required for reject and suspend (checked by the domain). */
export const volunteerDecisionSchema = z.object({
  decision: z.enum(volunteerDecisions, { error: "validation:form.invalid" }),
  reason: z
    .string()
    .trim()
    .max(DECISION_REASON_MAX, { error: "validation:decisionReason.tooLong" })
    .optional()
    .transform((value) => (value ? value : null)),
});
