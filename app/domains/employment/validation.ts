import { z } from "zod";
import { consentDataCategories } from "~/domains/subjects/validation";
import {
  availabilities,
  educationLevels,
  enterpriseSizes,
  industries,
  jobCategories,
  notHiredReasons,
  placementEndReasons,
  refusedNotHiredReasons,
} from "./taxonomy";
import { citesCriminalRecord } from "./status";
import { CASE_CODE_PATTERN } from "~/domains/subjects/case-code-pattern";

/** Messages are translation keys of the `employment` namespace (errors.*). */
const m = (name: string) => `employment:errors.${name}`;

const text = (max: number, required: string | null) => {
  const base = z
    .string()
    .trim()
    .max(max, { error: m("tooLong") });
  return required ? base.min(1, { error: m(required) }) : base;
};
const isoDate = z.iso.date({ error: m("date") });
const yuan = z.coerce
  .number({ error: m("wage") })
  .int({ error: m("wage") })
  .min(0, { error: m("wage") })
  .max(1_000_000, { error: m("wage") });
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal(""), z.boolean()])
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);
const uuidList = z.array(z.uuid({ error: m("district") }));
const caseCode = z
  .string({ error: m("caseCode") })
  .trim()
  .toUpperCase()
  .regex(CASE_CODE_PATTERN, { error: m("caseCode") });

export const enterpriseProfileSchema = z.object({
  industry: z.enum(industries, { error: m("industry") }),
  size: z.enum(enterpriseSizes, { error: m("size") }),
  hiringDistrictIds: uuidList.min(1, { error: m("hiringDistricts") }),
  contactName: text(50, "contactName"),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9+\-\s()]{7,20}$/, { error: m("contactPhone") }),
  contactEmail: z.union([z.literal(""), z.email({ error: m("contactEmail") })]).transform((v) => v || null),
  description: text(1000, null),
  pledge: checkbox.refine((value) => value, { error: m("pledge") }),
});
export type EnterpriseProfileInput = z.infer<typeof enterpriseProfileSchema>;

export const jobOfferSchema = z
  .object({
    title: text(100, "title"),
    category: z.enum(jobCategories, { error: m("category") }),
    openings: z.coerce
      .number({ error: m("openings") })
      .int({ error: m("openings") })
      .min(1, { error: m("openings") })
      .max(1000, { error: m("openings") }),
    wageMin: yuan,
    wageMax: yuan,
    workDistrictId: z.uuid({ error: m("district") }),
    workAddress: text(200, "workAddress"),
    hours: text(200, "hours"),
    requirements: text(2000, null),
    benefits: text(2000, null),
    accommodation: checkbox,
    startsOn: isoDate,
    closesOn: isoDate,
  })
  .refine((offer) => offer.wageMax >= offer.wageMin, { path: ["wageMax"], error: m("wageRange") });
export type JobOfferInput = z.infer<typeof jobOfferSchema>;

export const trainingOfferSchema = z.object({
  course: text(100, "course"),
  category: z.enum(jobCategories, { error: m("category") }),
  provider: text(100, "provider"),
  districtId: z.uuid({ error: m("district") }),
  place: text(200, "place"),
  capacity: z.coerce
    .number({ error: m("capacity") })
    .int({ error: m("capacity") })
    .min(1, { error: m("capacity") })
    .max(500, { error: m("capacity") }),
  certificate: text(100, null),
  costYuan: yuan,
  description: text(2000, null),
  closesOn: isoDate,
});
export type TrainingOfferInput = z.infer<typeof trainingOfferSchema>;

/** A session: a Beijing date and start/end times (HH:MM). */
export const trainingSessionSchema = z
  .object({
    date: isoDate,
    startTime: z.string().regex(/^\d{2}:\d{2}$/, { error: m("time") }),
    endTime: z.string().regex(/^\d{2}:\d{2}$/, { error: m("time") }),
    topic: text(100, null),
  })
  .refine((session) => session.endTime > session.startTime, { path: ["endTime"], error: m("timeOrder") });
export type TrainingSessionInput = z.infer<typeof trainingSessionSchema>;

export const referralSchema = z.object({
  caseCode,
  note: text(500, null).refine((note) => !citesCriminalRecord(note), { error: m("noteCitesRecord") }),
});

export const interviewSchema = z.object({
  interviewAt: z
    .string({ error: m("interviewAt") })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { error: m("interviewAt") }),
  interviewPlace: text(200, "interviewPlace"),
});

/**
 * Not hired: a coded reason. "criminal_record" may be posted (an old form, a hand-made request) and
 * is refused with its own message; so is any note that gives a record as the reason.
 */
export const declineSchema = z.object({
  reason: z
    .string({ error: m("reason") })
    .refine((value) => !(refusedNotHiredReasons as readonly string[]).includes(value), {
      error: m("criminalRecordRefused"),
    })
    .pipe(z.enum(notHiredReasons, { error: m("reason") })),
  note: text(500, null).refine((note) => !citesCriminalRecord(note), { error: m("criminalRecordRefused") }),
});

export const hireSchema = z.object({ hiredOn: isoDate });

export const checkinSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("still_employed") }),
  z.object({
    outcome: z.literal("ended"),
    endedOn: isoDate,
    endReason: z.enum(placementEndReasons, { error: m("endReason") }),
    endNote: text(500, null),
  }),
]);

export const candidateProfileSchema = z.object({
  skills: z
    .string()
    .trim()
    .max(300, { error: m("tooLong") })
    .transform((value) =>
      [
        ...new Set(
          value
            .split(/[,，、;；\n]/)
            .map((skill) => skill.trim())
            .filter(Boolean),
        ),
      ].slice(0, 20),
    ),
  educationLevel: z.enum(educationLevels, { error: m("educationLevel") }),
  workHistoryCategories: z.array(z.enum(jobCategories, { error: m("category") })),
  desiredCategories: z.array(z.enum(jobCategories, { error: m("category") })),
  availability: z.enum(availabilities, { error: m("availability") }),
  preferredDistrictId: z.union([z.literal(""), z.uuid({ error: m("district") })]).transform((v) => v || null),
});
export type CandidateProfileInput = z.infer<typeof candidateProfileSchema>;

export const offerFilterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: z.enum(["job", "training"]).optional().catch(undefined),
  districtId: z.uuid().optional().catch(undefined),
  category: z.enum(jobCategories).optional().catch(undefined),
  minWage: z.coerce.number().int().min(0).optional().catch(undefined),
  /** Offers still open on this date (closing on or after it). */
  openOn: isoDate.optional().catch(undefined),
});
export type OfferFilters = z.infer<typeof offerFilterSchema>;

export const sharedFieldList = consentDataCategories;
