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
/** A whole number typed as text; left blank it is missing (not 0, as `z.coerce` would make it). */
const wholeNumber = (min: number, max: number, key: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number({ error: key }).int({ error: key }).min(min, { error: key }).max(max, { error: key }),
  );
const yuan = wholeNumber(0, 1_000_000, m("wage"));
/** An HTML checkbox: "on" when ticked, absent otherwise (anything else a hand-made post sends is false). */
const checkbox = z
  .unknown()
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);
/** An optional choice or text: blank is null. */
const blankIsNull = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional().transform((value) => value ?? null),
  );
const uuidList = z.array(z.uuid({ error: m("district") }), { error: m("district") });

/** A field of a partly parsed object (a cross-field rule's `when` sees fields that failed, too). */
function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
}
const numbers = (value: unknown, ...keys: string[]) =>
  keys.every((key) => typeof field(value, key) === "number" && !Number.isNaN(field(value, key)));
const timeOfDay = /^([01]\d|2[0-3]):[0-5]\d$/;
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
    .string({ error: m("contactPhone") })
    .trim()
    .regex(/^[0-9+\-\s()]{7,20}$/, { error: m("contactPhone") }),
  contactEmail: blankIsNull(
    z
      .string({ error: m("contactEmail") })
      .trim()
      .pipe(z.email({ error: m("contactEmail") })),
  ),
  description: text(1000, null),
  pledge: checkbox.refine((value) => value, { error: m("pledge") }),
});
export type EnterpriseProfileInput = z.infer<typeof enterpriseProfileSchema>;

export const jobOfferSchema = z
  .object({
    title: text(100, "title"),
    category: z.enum(jobCategories, { error: m("category") }),
    openings: wholeNumber(1, 1000, m("openings")),
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
  .check(
    // Runs while other fields are still wrong (`when`), so every error shows at once
    // (docs/decisions/009-forms.md); it needs only the two wages.
    z.refine((offer) => offer.wageMax >= offer.wageMin, {
      path: ["wageMax"],
      error: m("wageRange"),
      when: (payload) => numbers(payload.value, "wageMin", "wageMax"),
    }),
  );
export type JobOfferInput = z.infer<typeof jobOfferSchema>;

export const trainingOfferSchema = z.object({
  course: text(100, "course"),
  category: z.enum(jobCategories, { error: m("category") }),
  provider: text(100, "provider"),
  districtId: z.uuid({ error: m("district") }),
  place: text(200, "place"),
  capacity: wholeNumber(1, 500, m("capacity")),
  certificate: text(100, null),
  /** Left blank, the training is free. */
  costYuan: z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? "0" : value), yuan),
  description: text(2000, null),
  closesOn: isoDate,
});
export type TrainingOfferInput = z.infer<typeof trainingOfferSchema>;

/** A session: a Beijing date and start/end times (HH:MM). */
export const trainingSessionSchema = z
  .object({
    date: isoDate,
    startTime: z.string({ error: m("time") }).regex(timeOfDay, { error: m("time") }),
    endTime: z.string({ error: m("time") }).regex(timeOfDay, { error: m("time") }),
    topic: text(100, null),
  })
  .check(
    z.refine((session) => session.endTime > session.startTime, {
      path: ["endTime"],
      error: m("timeOrder"),
      when: (payload) =>
        [field(payload.value, "startTime"), field(payload.value, "endTime")].every(
          (time) => typeof time === "string" && timeOfDay.test(time),
        ),
    }),
  );
export type TrainingSessionInput = z.infer<typeof trainingSessionSchema>;

export const referralSchema = z.object({
  caseCode,
  note: text(500, null).refine((note) => !citesCriminalRecord(note), { error: m("noteCitesRecord") }),
});

/** A Beijing wall-clock date and time as `<input type="datetime-local">` posts it (2027-01-02T10:00). */
const beijingDateTime = z
  .string({ error: m("interviewAt") })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { error: m("interviewAt") })
  .refine((value) => z.iso.date().safeParse(value.slice(0, 10)).success, { error: m("interviewAt") });

export const interviewSchema = z.object({
  interviewAt: beijingDateTime,
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

/** The answer to a due retention check-in (the check-in is named by a hidden field of its row's form). */
const checkinId = z.uuid({ error: m("checkin") });
export const checkinSchema = z.discriminatedUnion(
  "outcome",
  [
    z.object({ checkinId, outcome: z.literal("still_employed") }),
    z.object({
      checkinId,
      outcome: z.literal("ended"),
      endedOn: isoDate,
      endReason: z.enum(placementEndReasons, { error: m("endReason") }),
      endNote: text(500, null),
    }),
  ],
  { error: m("outcome") },
);

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
  preferredDistrictId: blankIsNull(z.uuid({ error: m("district") })),
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
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type OfferFilters = z.infer<typeof offerFilterSchema>;

/** The enterprise dashboard's two pagers (its jobs, its trainings). */
export const enterpriseDashboardQuerySchema = z.object({
  jobsPage: z.coerce.number().int().min(1).max(10_000).catch(1),
  trainingsPage: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export const sharedFieldList = consentDataCategories;
