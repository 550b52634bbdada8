import { z } from "zod";
import { isValidPracticeLicence, normalizePracticeLicence } from "./practice-licence";
import { CASE_CODE_PATTERN } from "~/domains/subjects/case-code-pattern";

import {
  adviceCategories,
  consultationLanguages,
  NOTE_MAX,
  outcomeStatuses,
  REASON_MAX,
  topicCategories,
} from "./options";

export {
  type AdviceCategory,
  adviceCategories,
  type ConsultationLanguage,
  consultationLanguageLabelKey,
  consultationLanguages,
  MAX_ACTIVE_BOOKINGS_PER_SUBJECT,
  NOTE_MAX,
  type OutcomeStatus,
  outcomeStatuses,
  REASON_MAX,
  type TopicCategory,
  topicCategories,
} from "./options";

const weekdays = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type WeekdayCode = (typeof weekdays)[number];

const many = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));

const minuteOfDay = (key: string) =>
  z
    .string({ error: key })
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: key })
    .transform((value) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5)));

const calendarDate = (key: string) => z.iso.date({ error: key });
const optionalDate = (key: string) =>
  z.preprocess((value) => (value === "" ? undefined : value), calendarDate(key).optional());

const integerIn = (min: number, max: number, key: string) =>
  z.coerce.number({ error: key }).int({ error: key }).min(min, { error: key }).max(max, { error: key });

/** A field of a partly parsed object (a cross-field rule's `when` sees fields that failed, too). */
function field<T = unknown>(value: unknown, key: string): T {
  return (
    value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined
  ) as T;
}
const numbers = (value: unknown, ...keys: string[]) =>
  keys.every((key) => typeof field(value, key) === "number" && !Number.isNaN(field(value, key)));
const isDay = (value: unknown) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The lawyer form (checkbox groups arrive as arrays; see formDataToObject). */
export const lawyerSchema = z.object({
  name: z
    .string({ error: "legal:validation.lawyerName" })
    .trim()
    .min(2, { error: "legal:validation.lawyerName" })
    .max(50, { error: "legal:validation.lawyerName" }),
  practiceLicence: z
    .string({ error: "legal:validation.practiceLicence" })
    .transform(normalizePracticeLicence)
    .refine(isValidPracticeLicence, { error: "legal:validation.practiceLicence" }),
  specialties: many(z.enum(topicCategories, { error: "legal:validation.specialties" })),
  languages: many(z.enum(consultationLanguages, { error: "legal:validation.languages" })),
  /** The email of a lawyer account of the firm to link (optional). */
  accountEmail: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.email({ error: "legal:validation.accountEmail" }).trim().toLowerCase().optional(),
  ),
});
export type LawyerInput = z.infer<typeof lawyerSchema>;

/**
 * An office-hour rule as typed: weekly on some weekdays, or monthly on the nth (1–4, or −1 = last)
 * weekday. Turned into its RRULE by `recurrenceOf`.
 */
export const officeHourRuleSchema = z
  .object({
    lawyerId: z.uuid({ error: "legal:validation.lawyer" }),
    servicePointId: z.uuid({ error: "legal:validation.servicePoint" }),
    frequency: z.enum(["weekly", "monthly"], { error: "legal:validation.frequency" }),
    weekdays: many(z.enum(weekdays, { error: "legal:validation.weekdays" })),
    nth: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.coerce
        .number({ error: "legal:validation.nth" })
        .int()
        .refine((n) => [1, 2, 3, 4, -1].includes(n), { error: "legal:validation.nth" })
        .optional(),
    ),
    monthlyWeekday: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.enum(weekdays, { error: "legal:validation.weekdays" }).optional(),
    ),
    startTime: minuteOfDay("legal:validation.time"),
    endTime: minuteOfDay("legal:validation.time"),
    validFrom: calendarDate("legal:validation.validFrom"),
    validTo: optionalDate("legal:validation.validTo"),
    slotMinutes: integerIn(10, 240, "legal:validation.slotMinutes"),
    bufferMinutes: integerIn(0, 120, "legal:validation.bufferMinutes"),
    capacity: integerIn(1, 20, "legal:validation.capacity"),
    minNoticeHours: integerIn(0, 336, "legal:validation.minNotice"),
    horizonDays: integerIn(1, 365, "legal:validation.horizon"),
    cancelCutoffHours: integerIn(0, 336, "legal:validation.cutoff"),
  })
  .check(
    // Cross-field rules run even while other fields are invalid (`when`), so every error shows at
    // once (docs/decisions/009-forms.md); each needs only its own fields parsed.
    z.refine((rule) => rule.endTime > rule.startTime, {
      path: ["endTime"],
      error: "legal:validation.timeOrder",
      when: (payload) => numbers(payload.value, "startTime", "endTime"),
    }),
    z.refine((rule) => rule.endTime - rule.startTime >= rule.slotMinutes, {
      path: ["slotMinutes"],
      error: "legal:validation.slotTooLong",
      when: (payload) =>
        numbers(payload.value, "startTime", "endTime", "slotMinutes") &&
        field<number>(payload.value, "endTime") > field<number>(payload.value, "startTime"),
    }),
    z.refine((rule) => rule.weekdays.length > 0, {
      path: ["weekdays"],
      error: "legal:validation.weekdays",
      when: (payload) =>
        field(payload.value, "frequency") === "weekly" && Array.isArray(field(payload.value, "weekdays")),
    }),
    z.refine((rule) => rule.nth !== undefined, {
      path: ["nth"],
      error: "legal:validation.nth",
      when: (payload) =>
        field(payload.value, "frequency") === "monthly" && field(payload.value, "nth") === undefined,
    }),
    z.refine((rule) => rule.monthlyWeekday !== undefined, {
      path: ["monthlyWeekday"],
      error: "legal:validation.nth",
      when: (payload) =>
        field(payload.value, "frequency") === "monthly" &&
        field(payload.value, "monthlyWeekday") === undefined,
    }),
    z.refine((rule) => !rule.validTo || rule.validTo >= rule.validFrom, {
      path: ["validTo"],
      error: "legal:validation.validTo",
      when: (payload) => isDay(field(payload.value, "validFrom")) && isDay(field(payload.value, "validTo")),
    }),
  );
export type OfficeHourRuleInput = z.infer<typeof officeHourRuleSchema>;

/** The RFC 5545 recurrence of a typed rule: `FREQ=WEEKLY;BYDAY=MO,WE` or `FREQ=MONTHLY;BYDAY=2TU`. */
export function recurrenceOf(
  rule: Pick<OfficeHourRuleInput, "frequency" | "weekdays" | "nth" | "monthlyWeekday">,
) {
  if (rule.frequency === "weekly") {
    const days = weekdays.filter((day) => rule.weekdays.includes(day));
    return `FREQ=WEEKLY;BYDAY=${days.join(",")}`;
  }
  return `FREQ=MONTHLY;BYDAY=${rule.nth}${rule.monthlyWeekday}`;
}

const reason = z
  .string({ error: "legal:validation.reason" })
  .trim()
  .min(2, { error: "legal:validation.reason" })
  .max(REASON_MAX, { error: "legal:validation.reason" });

export const overrideSchema = z
  .object({
    day: calendarDate("legal:validation.day"),
    kind: z.enum(["cancelled", "extra", "reopened"], { error: "legal:validation.overrideKind" }),
    startTime: z.preprocess(
      (v) => (v === "" ? undefined : v),
      minuteOfDay("legal:validation.time").optional(),
    ),
    endTime: z.preprocess((v) => (v === "" ? undefined : v), minuteOfDay("legal:validation.time").optional()),
    reason,
  })
  .check(
    z.refine(
      (override) =>
        override.startTime !== undefined &&
        override.endTime !== undefined &&
        override.endTime > override.startTime,
      {
        path: ["endTime"],
        error: "legal:validation.timeOrder",
        when: (payload) =>
          field(payload.value, "kind") === "extra" &&
          ["startTime", "endTime"].every((key) =>
            ["number", "undefined"].includes(typeof field(payload.value, key)),
          ),
      },
    ),
  );
export type OverrideInput = z.infer<typeof overrideSchema>;

/** A slot is named by its rule and start instant (ISO). */
const slotStart = z.iso
  .datetime({ error: "legal:validation.slot", offset: true })
  .transform((value) => new Date(value));

export const bookingSchema = z
  .object({
    ruleId: z.uuid({ error: "legal:validation.slot" }),
    startsAt: slotStart,
    walkIn: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()),
    caseCode: z.preprocess(
      (value) => (typeof value === "string" ? value.trim().toUpperCase() : value),
      z.string().optional(),
    ),
    topic: z.enum(topicCategories, { error: "legal:validation.topic" }),
    note: z.preprocess(
      (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
      z.string().trim().max(NOTE_MAX, { error: "legal:validation.note" }).optional(),
    ),
  })
  .check(
    z.refine((booking) => booking.walkIn || CASE_CODE_PATTERN.test(booking.caseCode ?? ""), {
      path: ["caseCode"],
      error: "legal:validation.caseCode",
      when: (payload) =>
        typeof field(payload.value, "walkIn") === "boolean" &&
        ["string", "undefined"].includes(typeof field(payload.value, "caseCode")),
    }),
  );
export type BookingInput = z.infer<typeof bookingSchema>;

/** A slot offered by the reschedule form: `<rule id>|<start instant, ISO>`. */
const SLOT_CHOICE =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/i;

export const rescheduleSchema = z
  .object({
    slot: z
      .string({ error: "legal:validation.slot" })
      .regex(SLOT_CHOICE, { error: "legal:validation.slot" })
      .refine((value) => !Number.isNaN(Date.parse(value.split("|")[1]!)), { error: "legal:validation.slot" }),
    reason,
  })
  .transform(({ slot, reason }) => {
    const [ruleId, startsAt] = slot.split("|") as [string, string];
    return { ruleId: ruleId.toLowerCase(), startsAt: new Date(startsAt), reason };
  });
export type RescheduleInput = z.infer<typeof rescheduleSchema>;

/** The cancel form's reason is `cancelReason` (the reschedule form on the same page has `reason`). */
export const cancelSchema = z.object({ cancelReason: reason });

export const outcomeSchema = z
  .object({
    status: z.enum(outcomeStatuses, { error: "legal:validation.outcomeStatus" }),
    topic: z.enum(topicCategories, { error: "legal:validation.topic" }),
    adviceCategory: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.enum(adviceCategories, { error: "legal:validation.adviceCategory" }).optional(),
    ),
    followUpLegalAid: z.preprocess(
      (value) => value === "on" || value === "true" || value === true,
      z.boolean(),
    ),
  })
  .check(
    z.refine((outcome) => outcome.status !== "attended" || outcome.adviceCategory !== undefined, {
      path: ["adviceCategory"],
      error: "legal:validation.adviceCategory",
      when: (payload) =>
        field(payload.value, "status") === "attended" && field(payload.value, "adviceCategory") === undefined,
    }),
  );
export type OutcomeInput = z.infer<typeof outcomeSchema>;

export const servicePointSchema = z.object({
  name: z
    .string({ error: "legal:validation.pointName" })
    .trim()
    .min(2, { error: "legal:validation.pointName" })
    .max(80, { error: "legal:validation.pointName" }),
  address: z
    .string({ error: "legal:validation.address" })
    .trim()
    .min(2, { error: "legal:validation.address" })
    .max(200, { error: "legal:validation.address" }),
  room: z.string().trim().max(80, { error: "legal:validation.room" }).default(""),
  directions: z.string().trim().max(300, { error: "legal:validation.directions" }).default(""),
});
export type ServicePointInput = z.infer<typeof servicePointSchema>;

/** The firm overview's two pagers (lawyers, office hours); a bad value is the first page. */
export const firmOverviewQuerySchema = z.object({
  lawyersPage: z.coerce.number().int().min(1).max(10_000).catch(1),
  rulesPage: z.coerce.number().int().min(1).max(10_000).catch(1),
});
