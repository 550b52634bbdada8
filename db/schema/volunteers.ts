import { sql } from "drizzle-orm";
import {
  foreignKey,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./accounts";

export const volunteerStatus = pgEnum("volunteer_status", ["pending", "approved", "rejected", "suspended"]);
export const qualificationStatus = pgEnum("qualification_status", ["pending", "verified", "rejected"]);
export const activityStatus = pgEnum("activity_status", ["scheduled", "cancelled"]);
export const signupStatus = pgEnum("signup_status", ["confirmed", "waitlisted", "withdrawn", "cancelled"]);
export const hourRecordKind = pgEnum("hour_record_kind", ["system", "self_reported"]);
/** `open`: checked in, not yet out. `pending`: waiting for staff. `approved` records are locked. */
export const hourRecordStatus = pgEnum("hour_record_status", ["open", "pending", "approved", "rejected"]);
export const correctionStatus = pgEnum("correction_status", ["pending", "approved", "rejected"]);

/** Volunteer numbers: `V` + year of approval + a 6-digit running number (V2026000123). */
export const volunteerNumberSequence = pgSequence("volunteer_number_seq", { startWith: 1 });

/**
 * A volunteer's registration (one per user account of role `volunteer`) and the running totals of
 * their approved service, kept in the same transaction as every approval or correction so that a
 * dashboard reads one row. The ID number is sensitive (PIPL art. 28): AES-GCM ciphertext plus an
 * HMAC so one person cannot register twice.
 */
export const volunteerProfiles = pgTable(
  "volunteer_profiles",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id),
    volunteerNumber: text(),
    status: volunteerStatus().notNull().default("pending"),
    legalName: text().notNull(),
    idNumberCiphertext: text().notNull(),
    idNumberHash: text().notNull(),
    gender: text().notNull(),
    birthDate: date().notNull(),
    phone: text().notNull(),
    /** The judicial office that vets the volunteer and whose staff see the record. */
    homeOfficeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Further offices the volunteer is willing to serve at. */
    serviceOfficeIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    skills: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Weekly availability as `mon-am`, `mon-pm`, `mon-eve`, … `sun-eve`. */
    availability: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    emergencyContactName: text().notNull(),
    emergencyContactPhone: text().notNull(),
    termsVersion: text().notNull(),
    termsAcceptedAt: timestamp({ withTimezone: true }).notNull(),
    rejectReason: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    approvedMinutes: integer().notNull().default(0),
    approvedRecords: integer().notNull().default(0),
    /** Distinct activities with at least one approved record. */
    activitiesServed: integer().notNull().default(0),
    lastServiceOn: date(),
    starLevel: smallint().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("volunteer_profiles_number_unique").on(table.volunteerNumber),
    uniqueIndex("volunteer_profiles_id_number_unique").on(table.idNumberHash),
    index("volunteer_profiles_office_idx").on(table.homeOfficeId, table.status),
    foreignKey({
      name: "volunteer_profiles_office_district_fk",
      columns: [table.homeOfficeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    // Searched with && / @> (activities at any of the volunteer's offices); every id is checked by a
    // trigger (migration 0017) to be an office of the profile's district.
    index("volunteer_profiles_service_offices_gin").using("gin", table.serviceOfficeIds),
    index("volunteer_profiles_skills_gin").using("gin", table.skills),
    index("volunteer_profiles_district_idx").on(table.districtId, table.status),
    check("volunteer_profiles_gender", sql`${table.gender} in ('male', 'female')`),
    check(
      "volunteer_profiles_number_when_approved",
      sql`(${table.status} in ('approved', 'suspended')) = (${table.volunteerNumber} is not null)`,
    ),
    check(
      "volunteer_profiles_reject_reason",
      sql`${table.status} <> 'rejected' or length(trim(${table.rejectReason})) > 0`,
    ),
    check(
      "volunteer_profiles_totals_nonnegative",
      sql`${table.approvedMinutes} >= 0 and ${table.approvedRecords} >= 0 and ${table.activitiesServed} >= 0 and ${table.starLevel} between 0 and 10`,
    ),
  ],
);

/** Licences and certificates (e.g. 心理咨询师) that some activities require; valid until `expiresOn`. */
export const volunteerQualifications = pgTable(
  "volunteer_qualifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteerProfiles.userId),
    kind: text().notNull(),
    certificateNumber: text().notNull(),
    issuedBy: text().notNull(),
    expiresOn: date(),
    status: qualificationStatus().notNull().default("pending"),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("volunteer_qualifications_volunteer_idx").on(table.volunteerId),
    uniqueIndex("volunteer_qualifications_unique").on(table.volunteerId, table.kind, table.certificateNumber),
  ],
);

/**
 * Service activities (服务活动) organized by a judicial office or a verified social organization.
 * `confirmedCount` is maintained with every sign-up and withdrawal; the CHECK makes over-booking
 * impossible even for concurrent sign-ups.
 */
export const activities = pgTable(
  "activities",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizerId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The office (service point) the activity takes place at; its staff verify the hours. */
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    title: text().notNull(),
    description: text().notNull(),
    category: text().notNull(),
    place: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    capacity: integer().notNull(),
    confirmedCount: integer().notNull().default(0),
    requiredSkills: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** A qualification kind every participant must hold, valid on the activity's day. */
    requiredQualification: text(),
    insuranceRequired: boolean().notNull().default(false),
    status: activityStatus().notNull().default("scheduled"),
    cancelReason: text(),
    /** Secret of the rotating check-in code shown by the organizer (app/domains/volunteers/checkin-code.ts). */
    checkinSecret: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("activities_starts_idx").on(table.startsAt),
    index("activities_office_idx").on(table.officeId, table.startsAt),
    foreignKey({
      name: "activities_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("activities_district_idx").on(table.districtId, table.startsAt),
    check("activities_period", sql`${table.endsAt} > ${table.startsAt}`),
    check("activities_capacity", sql`${table.capacity} between 1 and 1000`),
    check("activities_not_overbooked", sql`${table.confirmedCount} between 0 and ${table.capacity}`),
    check(
      "activities_category",
      sql`${table.category} in ('legal', 'psychology', 'education', 'employment', 'community', 'family', 'other')`,
    ),
    check(
      "activities_cancel_reason",
      sql`${table.status} <> 'cancelled' or length(trim(${table.cancelReason})) > 0`,
    ),
  ],
);

/** One row per volunteer and activity; a volunteer who withdraws and signs up again reuses it. */
export const activitySignups = pgTable(
  "activity_signups",
  {
    id: uuid().primaryKey().defaultRandom(),
    activityId: uuid()
      .notNull()
      .references(() => activities.id),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteerProfiles.userId),
    status: signupStatus().notNull(),
    /** Place in the waitlist: the earliest `queuedAt` is promoted first. */
    queuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * Wrong check-in codes typed for this activity since the last right one: at the limit
     * (MAX_CODE_ATTEMPTS) the volunteer asks the organizer, so the 6 digits cannot be guessed.
     */
    failedCodeAttempts: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check("activity_signups_code_attempts", sql`${table.failedCodeAttempts} >= 0`),
    uniqueIndex("activity_signups_unique").on(table.activityId, table.volunteerId),
    index("activity_signups_waitlist_idx").on(table.activityId, table.status, table.queuedAt),
    index("activity_signups_volunteer_idx").on(table.volunteerId, table.status),
  ],
);

/**
 * Service hours. `system` records come from check-in / check-out with the organizer's code;
 * `self_reported` ones are entered by the volunteer with evidence. Both wait for staff; approved
 * records are locked (changed only through an `hour_corrections` row).
 */
export const hourRecords = pgTable(
  "hour_records",
  {
    id: uuid().primaryKey().defaultRandom(),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteerProfiles.userId),
    activityId: uuid().references(() => activities.id),
    /** The office whose staff verify the record (the activity's, or the volunteer's home office). */
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    kind: hourRecordKind().notNull(),
    serviceDate: date().notNull(),
    minutes: integer(),
    description: text().notNull(),
    evidenceNote: text(),
    checkInAt: timestamp({ withTimezone: true }),
    /**
     * The time step of the code the volunteer checked in with (it may be the step before
     * `checkInAt`'s, just after a rotation); check-out needs a code of a later step.
     */
    checkinCodeStep: integer(),
    checkOutAt: timestamp({ withTimezone: true }),
    /** Checked out by the rule after the activity ended, not by the volunteer: staff should look. */
    autoCheckedOut: boolean().notNull().default(false),
    status: hourRecordStatus().notNull(),
    rejectReason: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("hour_records_volunteer_idx").on(table.volunteerId, table.serviceDate),
    index("hour_records_review_idx").on(table.officeId, table.status, table.createdAt),
    foreignKey({
      name: "hour_records_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("hour_records_district_idx").on(table.districtId, table.status),
    uniqueIndex("hour_records_one_checkin_per_activity")
      .on(table.activityId, table.volunteerId)
      .where(sql`${table.kind} = 'system'`),
    // One record that counts (open, pending or approved) per volunteer and activity, whatever its
    // kind: a self-report and a check-in of the same activity would count it twice.
    uniqueIndex("hour_records_one_live_per_activity")
      .on(table.activityId, table.volunteerId)
      .where(sql`${table.activityId} is not null and ${table.status} <> 'rejected'`),
    check(
      "hour_records_system_has_activity",
      sql`${table.kind} <> 'system' or ${table.activityId} is not null`,
    ),
    check(
      "hour_records_minutes",
      sql`(${table.status} = 'open' and ${table.minutes} is null) or (${table.status} <> 'open' and ${table.minutes} between 1 and 1440)`,
    ),
    check(
      "hour_records_reject_reason",
      sql`${table.status} <> 'rejected' or length(trim(${table.rejectReason})) > 0`,
    ),
    check(
      "hour_records_checkout_after_checkin",
      sql`${table.checkOutAt} is null or ${table.checkOutAt} >= ${table.checkInAt}`,
    ),
  ],
);

/**
 * Summary rows of a volunteer's hour records per period (`2026`, `2026-H1`, `2026-MM`): approved
 * minutes and records, pending records and distinct activities served. Never written by the app: a
 * statement-level trigger on `hour_records` (migration 0035) recomputes the affected volunteer-years
 * from the records in the writing transaction, so the eligibility view and the dashboard read one row
 * per volunteer and period instead of summing records, and the rows cannot drift from them
 * (`npm run check-totals` compares both).
 */
export const volunteerPeriodTotals = pgTable(
  "volunteer_period_totals",
  {
    volunteerId: uuid()
      .notNull()
      .references(() => volunteerProfiles.userId),
    period: text().notNull(),
    approvedMinutes: integer().notNull().default(0),
    approvedRecords: integer().notNull().default(0),
    pendingRecords: integer().notNull().default(0),
    activities: integer().notNull().default(0),
  },
  (table) => [
    primaryKey({ columns: [table.volunteerId, table.period] }),
    // Office-wide ranking of one period: the period first.
    index("volunteer_period_totals_period_idx").on(table.period, table.volunteerId),
    check("volunteer_period_totals_period", sql`${table.period} ~ '^[0-9]{4}(-H[12]|-(0[1-9]|1[0-2]))?$'`),
    check(
      "volunteer_period_totals_nonnegative",
      sql`${table.approvedMinutes} >= 0 and ${table.approvedRecords} >= 0 and ${table.pendingRecords} >= 0 and ${table.activities} >= 0`,
    ),
  ],
);

/**
 * A request to change an approved (locked) record. The original values are kept here; approving
 * it updates the record and the totals in one transaction and writes an audit row.
 */
export const hourCorrections = pgTable(
  "hour_corrections",
  {
    id: uuid().primaryKey().defaultRandom(),
    hourRecordId: uuid()
      .notNull()
      .references(() => hourRecords.id),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    originalMinutes: integer().notNull(),
    originalDescription: text().notNull(),
    proposedMinutes: integer().notNull(),
    proposedDescription: text().notNull(),
    reason: text().notNull(),
    status: correctionStatus().notNull().default("pending"),
    decisionReason: text(),
    decidedBy: uuid().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("hour_corrections_record_idx").on(table.hourRecordId),
    // At most one open request per record.
    uniqueIndex("hour_corrections_one_pending")
      .on(table.hourRecordId)
      .where(sql`${table.status} = 'pending'`),
    check("hour_corrections_minutes", sql`${table.proposedMinutes} between 1 and 1440`),
    check(
      "hour_corrections_decision_reason",
      sql`${table.status} <> 'rejected' or length(trim(${table.decisionReason})) > 0`,
    ),
  ],
);

/** Star-level thresholds of a district in minutes (default 100/300/600/1000/1500 hours when absent). */
export const starThresholds = pgTable(
  "star_thresholds",
  {
    districtId: uuid()
      .primaryKey()
      .references(() => organizations.id),
    thresholdsMinutes: integer().array().notNull(),
    updatedBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check("star_thresholds_count", sql`cardinality(${table.thresholdsMinutes}) between 1 and 10`)],
);

/** Each star level a volunteer reached (in order, never skipped) and when. */
export const starLevelEvents = pgTable(
  "star_level_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteerProfiles.userId),
    level: smallint().notNull(),
    /** `reached` or `lowered` (after a correction took minutes away). */
    change: text().notNull(),
    approvedMinutes: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("star_level_events_volunteer_idx").on(table.volunteerId, table.createdAt),
    check("star_level_events_change", sql`${table.change} in ('reached', 'lowered')`),
  ],
);

/**
 * Issued proof-of-service certificates (志愿服务证明). The content is frozen at issue, so the public
 * verification page shows what was certified even if records change later.
 */
export const serviceCertificates = pgTable(
  "service_certificates",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Random, printed on the certificate and in its verification URL. */
    number: text().notNull(),
    volunteerId: uuid()
      .notNull()
      .references(() => volunteerProfiles.userId),
    issuerId: uuid()
      .notNull()
      .references(() => organizations.id),
    periodFrom: date().notNull(),
    periodTo: date().notNull(),
    totalMinutes: integer().notNull(),
    /** Frozen content: names, activities, person in charge, handler. */
    content: jsonb().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("service_certificates_number_unique").on(table.number),
    index("service_certificates_volunteer_idx").on(table.volunteerId),
    check("service_certificates_period", sql`${table.periodTo} >= ${table.periodFrom}`),
  ],
);
