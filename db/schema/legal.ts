import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./accounts";
import { subjects } from "./subjects";

/**
 * Legal consultations (ADR 009): law firms' lawyers hold free office hours at service points of
 * judicial offices; staff book them for subjects (case code) or walk-ins. Over-booking is refused by
 * the exclusion constraint `consultation_bookings_no_overlap` (custom migration *_legal_guards).
 */

export const overrideKind = pgEnum("office_hour_override_kind", ["cancelled", "extra", "reopened"]);
export const bookingStatus = pgEnum("consultation_booking_status", [
  "booked",
  "cancelled",
  "attended",
  "subject_no_show",
  "lawyer_no_show",
]);

/** Topic categories of a consultation, also a lawyer's specialties (validation.ts is the same list). */
export const topicCategorySql = sql.raw(
  `'labour', 'family', 'debt', 'housing', 'social_security', 'administrative', 'criminal_procedure', 'other'`,
);

/** A lawyer of a law firm. `userId` links the lawyer's own account, when they have one. */
export const lawyers = pgTable(
  "lawyers",
  {
    id: uuid().primaryKey().defaultRandom(),
    lawFirmId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    userId: uuid().references(() => users.id),
    name: text().notNull(),
    /** 律师执业证号: 17 digits (app/domains/legal/practice-licence.ts). */
    practiceLicence: text().notNull(),
    specialties: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean().notNull().default(true),
    /** The secret of the lawyer's .ics feed URL: SHA-256 to look it up, ciphertext to show it again. */
    feedTokenHash: text().notNull(),
    feedTokenCiphertext: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("lawyers_practice_licence_unique").on(table.practiceLicence),
    uniqueIndex("lawyers_user_unique").on(table.userId),
    uniqueIndex("lawyers_feed_token_unique").on(table.feedTokenHash),
    unique("lawyers_id_firm_unique").on(table.id, table.lawFirmId),
    index("lawyers_firm_idx").on(table.lawFirmId, table.active),
    foreignKey({
      name: "lawyers_firm_district_fk",
      columns: [table.lawFirmId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    check("lawyers_practice_licence_shape", sql`${table.practiceLicence} ~ '^[0-9]{17}$'`),
    check("lawyers_name_not_blank", sql`length(trim(${table.name})) between 1 and 50`),
    check("lawyers_specialties", sql`${table.specialties} <@ array[${topicCategorySql}]::text[]`),
  ],
);

/** A place at a judicial office where consultations are held (an office may have several). */
export const servicePoints = pgTable(
  "service_points",
  {
    id: uuid().primaryKey().defaultRandom(),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    address: text().notNull(),
    room: text().notNull().default(""),
    directions: text().notNull().default(""),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("service_points_office_idx").on(table.officeId),
    index("service_points_district_idx").on(table.districtId),
    unique("service_points_id_office_unique").on(table.id, table.officeId, table.districtId),
    foreignKey({
      name: "service_points_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    check("service_points_name_not_blank", sql`length(trim(${table.name})) between 1 and 80`),
    check("service_points_address_not_blank", sql`length(trim(${table.address})) between 1 and 200`),
  ],
);

/**
 * A lawyer's recurring office hours at a service point: an RFC 5545 RRULE (`FREQ=WEEKLY;BYDAY=TU` or
 * `FREQ=MONTHLY;BYDAY=2TU`) expanded over Asia/Shanghai dates, with a daily time range in minutes
 * after midnight (Beijing time), the slot grid and the booking policy.
 */
export const officeHourRules = pgTable(
  "office_hour_rules",
  {
    id: uuid().primaryKey().defaultRandom(),
    lawFirmId: uuid()
      .notNull()
      .references(() => organizations.id),
    lawyerId: uuid()
      .notNull()
      .references(() => lawyers.id),
    servicePointId: uuid()
      .notNull()
      .references(() => servicePoints.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    rrule: text().notNull(),
    startMinute: smallint().notNull(),
    endMinute: smallint().notNull(),
    validFrom: date().notNull(),
    validTo: date(),
    slotMinutes: smallint().notNull().default(30),
    bufferMinutes: smallint().notNull().default(0),
    capacity: smallint().notNull().default(1),
    minNoticeMinutes: integer().notNull().default(120),
    horizonDays: smallint().notNull().default(60),
    cancelCutoffMinutes: integer().notNull().default(720),
    active: boolean().notNull().default(true),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("office_hour_rules_point_idx").on(table.servicePointId, table.active),
    index("office_hour_rules_office_idx").on(table.officeId, table.active),
    index("office_hour_rules_lawyer_idx").on(table.lawyerId, table.active),
    unique("office_hour_rules_id_lawyer_unique").on(table.id, table.lawyerId),
    foreignKey({
      name: "office_hour_rules_lawyer_firm_fk",
      columns: [table.lawyerId, table.lawFirmId],
      foreignColumns: [lawyers.id, lawyers.lawFirmId],
    }),
    foreignKey({
      name: "office_hour_rules_point_office_fk",
      columns: [table.servicePointId, table.officeId, table.districtId],
      foreignColumns: [servicePoints.id, servicePoints.officeId, servicePoints.districtId],
    }),
    check(
      "office_hour_rules_rrule_shape",
      // chr(59) is ";", which drizzle-kit cannot carry inside a CHECK.
      sql`${table.rrule} ~ ('^FREQ=(WEEKLY|MONTHLY)' || chr(59)) and ${table.rrule} !~ ('[^A-Z0-9=,+' || chr(59) || '-]') and length(${table.rrule}) <= 200`,
    ),
    check(
      "office_hour_rules_time_range",
      sql`${table.startMinute} >= 0 and ${table.endMinute} <= 1440 and ${table.startMinute} < ${table.endMinute}`,
    ),
    check(
      "office_hour_rules_validity",
      sql`${table.validTo} is null or ${table.validTo} >= ${table.validFrom}`,
    ),
    check("office_hour_rules_slot_minutes", sql`${table.slotMinutes} between 10 and 240`),
    check("office_hour_rules_buffer_minutes", sql`${table.bufferMinutes} between 0 and 120`),
    check("office_hour_rules_capacity", sql`${table.capacity} between 1 and 20`),
    check(
      "office_hour_rules_policy",
      sql`${table.minNoticeMinutes} between 0 and 20160 and ${table.horizonDays} between 1 and 365 and ${table.cancelCutoffMinutes} between 0 and 20160`,
    ),
  ],
);

/**
 * One date of a rule changed: `cancelled` closes it (its bookings are cancelled with it), `extra`
 * adds hours that day, `reopened` opens an official holiday the rule would skip.
 */
export const officeHourOverrides = pgTable(
  "office_hour_overrides",
  {
    id: uuid().primaryKey().defaultRandom(),
    ruleId: uuid()
      .notNull()
      .references(() => officeHourRules.id),
    day: date().notNull(),
    kind: overrideKind().notNull(),
    startMinute: smallint(),
    endMinute: smallint(),
    reason: text().notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("office_hour_overrides_rule_idx").on(table.ruleId, table.day),
    uniqueIndex("office_hour_overrides_one_closure")
      .on(table.ruleId, table.day)
      .where(sql`${table.kind} in ('cancelled', 'reopened')`),
    check(
      "office_hour_overrides_range",
      sql`(${table.kind} = 'extra') = (${table.startMinute} is not null and ${table.endMinute} is not null)
        and (${table.startMinute} is null or (${table.startMinute} >= 0 and ${table.endMinute} <= 1440 and ${table.startMinute} < ${table.endMinute}))`,
    ),
    check("office_hour_overrides_reason", sql`length(trim(${table.reason})) between 1 and 200`),
  ],
);

/**
 * A booked consultation. Each occupies one `seat` (1…capacity of its slot); the exclusion
 * constraint of the guards migration refuses two live bookings of one lawyer with the same seat and
 * overlapping times — one slot can never hold more than its capacity, and two rules of one lawyer
 * that overlap cannot both be booked. Reschedules move the row (same UID, SEQUENCE + 1 in the .ics).
 */
export const consultationBookings = pgTable(
  "consultation_bookings",
  {
    id: uuid().primaryKey().defaultRandom(),
    ruleId: uuid()
      .notNull()
      .references(() => officeHourRules.id),
    lawyerId: uuid()
      .notNull()
      .references(() => lawyers.id),
    lawFirmId: uuid()
      .notNull()
      .references(() => organizations.id),
    servicePointId: uuid()
      .notNull()
      .references(() => servicePoints.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Null for a walk-in booking without a registered subject. */
    subjectId: uuid().references(() => subjects.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    seat: smallint().notNull(),
    capacity: smallint().notNull(),
    topic: text().notNull(),
    /** Shown to the lawyer only while the subject consents to share data with the firm. */
    note: text(),
    status: bookingStatus().notNull().default("booked"),
    /** The .ics SEQUENCE: incremented on every reschedule and on cancellation. */
    sequence: integer().notNull().default(0),
    bookedBy: uuid()
      .notNull()
      .references(() => users.id),
    cancelReason: text(),
    cancelledBy: uuid().references(() => users.id),
    cancelledAt: timestamp({ withTimezone: true }),
    adviceCategory: text(),
    followUpLegalAid: boolean(),
    outcomeRecordedBy: uuid().references(() => users.id),
    outcomeRecordedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("consultation_bookings_lawyer_idx").on(table.lawyerId, table.startsAt),
    index("consultation_bookings_point_idx").on(table.servicePointId, table.startsAt),
    index("consultation_bookings_office_idx").on(table.officeId, table.startsAt),
    index("consultation_bookings_firm_idx").on(table.lawFirmId, table.startsAt),
    index("consultation_bookings_subject_idx")
      .on(table.subjectId, table.status)
      .where(sql`${table.subjectId} is not null`),
    foreignKey({
      name: "consultation_bookings_rule_lawyer_fk",
      columns: [table.ruleId, table.lawyerId],
      foreignColumns: [officeHourRules.id, officeHourRules.lawyerId],
    }),
    foreignKey({
      name: "consultation_bookings_lawyer_firm_fk",
      columns: [table.lawyerId, table.lawFirmId],
      foreignColumns: [lawyers.id, lawyers.lawFirmId],
    }),
    foreignKey({
      name: "consultation_bookings_point_office_fk",
      columns: [table.servicePointId, table.officeId, table.districtId],
      foreignColumns: [servicePoints.id, servicePoints.officeId, servicePoints.districtId],
    }),
    check("consultation_bookings_period", sql`${table.endsAt} > ${table.startsAt}`),
    check(
      "consultation_bookings_seat",
      sql`${table.capacity} between 1 and 20 and ${table.seat} between 1 and ${table.capacity}`,
    ),
    check("consultation_bookings_topic", sql`${table.topic} in (${topicCategorySql})`),
    check("consultation_bookings_note_length", sql`${table.note} is null or length(${table.note}) <= 500`),
    check("consultation_bookings_sequence", sql`${table.sequence} >= 0`),
    check(
      "consultation_bookings_cancellation",
      sql`(${table.status} = 'cancelled') = (${table.cancelledAt} is not null)
        and (${table.status} <> 'cancelled' or length(trim(${table.cancelReason})) > 0)`,
    ),
    check(
      "consultation_bookings_outcome",
      sql`(${table.status} in ('attended', 'subject_no_show', 'lawyer_no_show')) = (${table.outcomeRecordedAt} is not null)
        and (${table.status} <> 'attended' or (${table.adviceCategory} is not null and ${table.followUpLegalAid} is not null))`,
    ),
    check(
      "consultation_bookings_advice_category",
      sql`${table.adviceCategory} is null or ${table.adviceCategory} in ('information', 'rights_explained', 'document_help', 'mediation_suggested', 'litigation_suggested', 'referred_elsewhere', 'other')`,
    ),
  ],
);
