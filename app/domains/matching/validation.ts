/**
 * The forms of matching, shared by the page (browser, on blur and on submit) and the action
 * (docs/decisions/009-forms.md). Messages are translation keys. Checkbox groups are declared as
 * arrays, so the posted form always gives them as arrays (formDataToObject). Cross-field rules are
 * checks with `when`, so they run even while another field is invalid: every error shows at once.
 * Client-safe.
 */
import { z } from "zod";
import {
  BATCH_MAX_PAIRS,
  declineReasons,
  genderRequirements,
  NEED_DESCRIPTION_MAX,
  NEEDS_CSV_MAX_BYTES,
  needUrgencies,
  NOTE_MAX,
  PROGRESS_NOTE_MAX,
  PROVIDER_CAPACITY_MAX,
  workerGenders,
} from "./options";
import { serviceCategories } from "./taxonomy";
import { CASE_CODE_PATTERN } from "~/domains/subjects/case-code-pattern";

const categoryIds = serviceCategories.map((category) => category.id) as [string, ...string[]];

/** A field of a partly parsed object (a cross-field rule's `when` sees fields that failed, too). */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}

/** A tick box: "on" (or "true") when ticked, absent otherwise. */
const tickBox = z
  .string({ error: "matching:errors.form" })
  .optional()
  .transform((value) => value === "on" || value === "true");

/** Free-text list ("普通话, 粤语"), as the subjects form takes languages. */
export const languageList = z
  .string({ error: "matching:errors.languages" })
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

export const providerProfileSchema = z
  .object({
    categoryIds: z
      .array(z.enum(categoryIds, { error: "matching:errors.category" }), {
        error: "matching:errors.categoriesRequired",
      })
      .min(1, { error: "matching:errors.categoriesRequired" }),
    coversDistrict: tickBox,
    officeIds: z.array(z.uuid({ error: "matching:errors.office" }), { error: "matching:errors.office" }),
    languages: languageList,
    workerGenders: z.array(z.enum(workerGenders, { error: "matching:errors.workerGender" }), {
      error: "matching:errors.workerGender",
    }),
    capacity: z.coerce
      .number({ error: "matching:errors.capacity" })
      .int({ error: "matching:errors.capacity" })
      .min(0, { error: "matching:errors.capacity" })
      .max(PROVIDER_CAPACITY_MAX, { error: "matching:errors.capacity" }),
    paused: tickBox,
  })
  .check(
    // The whole district, or at least one office of it (the domain checks the offices are its own).
    z.refine((profile) => profile.coversDistrict || profile.officeIds.length > 0, {
      path: ["officeIds"],
      error: "matching:errors.areaRequired",
      when: (payload) =>
        typeof field(payload.value, "coversDistrict") === "boolean" &&
        Array.isArray(field(payload.value, "officeIds")),
    }),
  );
export type ProviderProfileInput = z.infer<typeof providerProfileSchema>;

export const needSchema = z.object({
  caseCode: z
    .string({ error: "matching:errors.caseCode" })
    .trim()
    .toUpperCase()
    .regex(CASE_CODE_PATTERN, { error: "matching:errors.caseCode" }),
  categoryId: z.enum(categoryIds, { error: "matching:errors.category" }),
  urgency: z.enum(needUrgencies, { error: "matching:errors.urgency" }),
  area: z
    .string({ error: "matching:errors.areaTooLong" })
    .trim()
    .max(50, { error: "matching:errors.areaTooLong" })
    .optional(),
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
    note: z
      .string({ error: "matching:errors.noteTooLong" })
      .trim()
      .max(NOTE_MAX, { error: "matching:errors.noteTooLong" })
      .optional(),
  })
  .check(
    z.refine((answer) => answer.reason !== "other" || (answer.note ?? "").length > 0, {
      path: ["note"],
      error: "matching:errors.declineNoteRequired",
      when: (payload) =>
        field(payload.value, "reason") === "other" &&
        ["string", "undefined"].includes(typeof field(payload.value, "note")),
    }),
  );

/** The provider accepts: a button, nothing typed. */
export const acceptSchema = z.object({
  intent: z.literal("accept", { error: "matching:errors.form" }),
});

export const progressSchema = z.object({
  note: z
    .string({ error: "matching:errors.noteRequired" })
    .trim()
    .min(1, { error: "matching:errors.noteRequired" })
    .max(PROGRESS_NOTE_MAX, { error: "matching:errors.noteTooLong" }),
});

export const closeSchema = z.object({
  outcome: z.enum(["resolved", "not_resolved"], { error: "matching:errors.outcome" }),
  note: z
    .string({ error: "matching:errors.outcomeNoteRequired" })
    .trim()
    .min(1, { error: "matching:errors.outcomeNoteRequired" })
    .max(PROGRESS_NOTE_MAX, { error: "matching:errors.noteTooLong" }),
});

/** Staff send a need to one of the suggested providers (a button per suggestion). */
export const sendReferralSchema = z.object({
  intent: z.literal("send", { error: "matching:errors.form" }),
  providerId: z.uuid({ error: "matching:errors.providerIneligible" }),
});

/** Staff withdraw a live referral of the need (a button per referral). */
export const cancelReferralSchema = z.object({
  intent: z.literal("cancel", { error: "matching:errors.form" }),
  referralId: z.uuid({ error: "matching:errors.form" }),
  note: z
    .string({ error: "matching:errors.noteTooLong" })
    .trim()
    .max(NOTE_MAX, { error: "matching:errors.noteTooLong" })
    .optional(),
});

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const PAIR = new RegExp(`^${UUID}:${UUID}$`, "i");

/** The pairs of a batch preview staff keep (`<need id>:<provider id>`, one tick box each). */
export const batchConfirmSchema = z.object({
  pair: z
    .array(z.string().regex(PAIR, { error: "matching:errors.form" }), {
      error: "matching:batch.nothingChosen",
    })
    .min(1, { error: "matching:batch.nothingChosen" })
    .max(BATCH_MAX_PAIRS, { error: "matching:errors.form" })
    .transform((pairs) =>
      [...new Set(pairs.map((pair) => pair.toLowerCase()))].map((pair) => {
        const [needId, providerId] = pair.split(":") as [string, string];
        return { needId, providerId };
      }),
    ),
});

/** The CSV file of an import, checked in the browser before it is uploaded; its rows in needs-csv.ts. */
export const needsImportSchema = z.object({
  file: z
    .file({ error: "matching:import.errors.noFile" })
    .min(1, { error: "matching:import.errors.empty" })
    .max(NEEDS_CSV_MAX_BYTES, { error: "matching:import.errors.tooLarge" }),
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
