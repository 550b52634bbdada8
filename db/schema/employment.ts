import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./accounts";
import { subjects } from "./subjects";

/*
 * Enterprises' jobs and vocational training for people under community corrections (社区矫正法 art. 41):
 * offers, referrals of subjects by office staff, placements and their retention check-ins. The
 * categories are `as const` tuples in app/domains/employment/taxonomy.ts; the CHECKs below are written
 * from the same lists (ADR 007). Counters (`hired_count`, `enrolled_count`) are kept by triggers
 * (migration employment_guards) and bounded by CHECKs, so no race can exceed openings or capacity.
 */

export const jobOfferStatus = pgEnum("job_offer_status", ["draft", "open", "closed", "filled"]);
export const trainingOfferStatus = pgEnum("training_offer_status", ["draft", "open", "closed"]);
export const jobReferralStatus = pgEnum("job_referral_status", [
  "referred",
  "interview_scheduled",
  "hired",
  "not_hired",
]);
export const trainingEnrollmentStatus = pgEnum("training_enrollment_status", [
  "enrolled",
  "attending",
  "completed",
  "dropped",
]);
export const placementStatus = pgEnum("placement_status", ["employed", "ended"]);
/** `void`: the placement ended before the check-in was due, so it is not asked any more. */
export const retentionCheckinStatus = pgEnum("retention_checkin_status", [
  "pending",
  "still_employed",
  "ended",
  "void",
]);

const jobCategoryList = sql.raw(
  `'manufacturing', 'construction', 'logistics', 'catering', 'retail', 'cleaning', 'agriculture', 'services', 'office', 'other'`,
);
const industryList = sql.raw(
  `'manufacturing', 'construction', 'logistics', 'catering', 'retail', 'services', 'agriculture', 'technology', 'other'`,
);
const notHiredReasonList = sql.raw(
  `'skills_mismatch', 'position_filled', 'candidate_declined', 'no_show', 'schedule_mismatch', 'other'`,
);
const endReasonList = sql.raw(`'resigned', 'dismissed', 'contract_ended', 'moved', 'other'`);

/**
 * An enterprise's recruiting profile and its signature of the non-discrimination pledge. Offers
 * reference this row, so an enterprise that has not signed the pledge cannot post anything.
 */
export const enterpriseProfiles = pgTable(
  "enterprise_profiles",
  {
    organizationId: uuid()
      .primaryKey()
      .references(() => organizations.id),
    /** The enterprise's own district (its bureau), for district-scoped reports. */
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    industry: text().notNull(),
    size: text().notNull(),
    /** Districts (bureaus) the enterprise hires in. */
    hiringDistrictIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    contactEmail: text(),
    description: text().notNull().default(""),
    pledgeVersion: text().notNull(),
    pledgeSignedAt: timestamp({ withTimezone: true }).notNull(),
    pledgeSignedBy: uuid()
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    foreignKey({
      name: "enterprise_profiles_organization_district_fk",
      columns: [table.organizationId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("enterprise_profiles_hiring_districts_gin").using("gin", table.hiringDistrictIds),
    check("enterprise_profiles_industry", sql`${table.industry} in (${industryList})`),
    check("enterprise_profiles_size", sql`${table.size} in ('micro', 'small', 'medium', 'large')`),
    check(
      "enterprise_profiles_contact_not_blank",
      sql`length(trim(${table.contactName})) > 0 and length(trim(${table.contactPhone})) > 0`,
    ),
  ],
);

/**
 * A job offer. Published offers are versioned: every edit after publishing writes the new content
 * to `job_offer_versions` (append-only) and bumps `version`; a referral names the version it was
 * made against.
 */
export const jobOffers = pgTable(
  "job_offers",
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterpriseProfiles.organizationId),
    status: jobOfferStatus().notNull().default("draft"),
    /** 0 while a draft; 1 at publication, +1 per edit after it. */
    version: integer().notNull().default(0),
    title: text().notNull(),
    category: text().notNull(),
    openings: integer().notNull(),
    hiredCount: integer().notNull().default(0),
    wageMin: integer().notNull(),
    wageMax: integer().notNull(),
    /** The district (bureau) of the work place. */
    workDistrictId: uuid()
      .notNull()
      .references(() => organizations.id),
    workAddress: text().notNull(),
    hours: text().notNull(),
    requirements: text().notNull().default(""),
    benefits: text().notNull().default(""),
    accommodation: boolean().notNull().default(false),
    startsOn: date().notNull(),
    closesOn: date().notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /** The closing-soon email was queued (once per offer). */
    closingNoticeAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("job_offers_enterprise_idx").on(table.enterpriseId, table.status),
    index("job_offers_open_idx").on(table.status, table.workDistrictId, table.category, table.closesOn),
    // The staff browse page's order (soonest closing first), read in order for a page of any filter.
    index("job_offers_browse_idx").on(table.status, table.closesOn, table.id),
    index("job_offers_title_trgm").using("gin", sql`${table.title} gin_trgm_ops`),
    check("job_offers_title_not_blank", sql`length(trim(${table.title})) > 0`),
    check("job_offers_category", sql`${table.category} in (${jobCategoryList})`),
    check("job_offers_openings", sql`${table.openings} between 1 and 1000`),
    check("job_offers_hired_within_openings", sql`${table.hiredCount} between 0 and ${table.openings}`),
    check("job_offers_wage_range", sql`${table.wageMin} >= 0 and ${table.wageMax} >= ${table.wageMin}`),
    check(
      "job_offers_published",
      sql`(${table.status} = 'draft') = (${table.publishedAt} is null) and (${table.status} = 'draft') = (${table.version} = 0)`,
    ),
    check("job_offers_filled", sql`${table.status} <> 'filled' or ${table.hiredCount} = ${table.openings}`),
  ],
);

/** The content of each published version of a job offer, as staff and referrals saw it. */
export const jobOfferVersions = pgTable(
  "job_offer_versions",
  {
    jobOfferId: uuid()
      .notNull()
      .references(() => jobOffers.id),
    version: integer().notNull(),
    content: jsonb().notNull(),
    editedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.jobOfferId, table.version] }),
    check("job_offer_versions_positive", sql`${table.version} >= 1`),
  ],
);

/** A vocational training offer (course) with its sessions and a capacity. */
export const trainingOffers = pgTable(
  "training_offers",
  {
    id: uuid().primaryKey().defaultRandom(),
    enterpriseId: uuid()
      .notNull()
      .references(() => enterpriseProfiles.organizationId),
    status: trainingOfferStatus().notNull().default("draft"),
    course: text().notNull(),
    category: text().notNull(),
    /** Who teaches (the enterprise itself or a school it works with). */
    provider: text().notNull(),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    place: text().notNull(),
    capacity: integer().notNull(),
    /** Enrollments not dropped (enrolled, attending, completed): kept by a trigger. */
    enrolledCount: integer().notNull().default(0),
    certificate: text().notNull().default(""),
    costYuan: integer().notNull().default(0),
    description: text().notNull().default(""),
    closesOn: date().notNull(),
    publishedAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("training_offers_enterprise_idx").on(table.enterpriseId, table.status),
    index("training_offers_open_idx").on(table.status, table.districtId, table.closesOn),
    index("training_offers_browse_idx").on(table.status, table.closesOn, table.id),
    check("training_offers_course_not_blank", sql`length(trim(${table.course})) > 0`),
    check("training_offers_category", sql`${table.category} in (${jobCategoryList})`),
    check("training_offers_capacity", sql`${table.capacity} between 1 and 500`),
    check(
      "training_offers_enrolled_within_capacity",
      sql`${table.enrolledCount} between 0 and ${table.capacity}`,
    ),
    check("training_offers_cost", sql`${table.costYuan} >= 0`),
    check("training_offers_published", sql`(${table.status} = 'draft') = (${table.publishedAt} is null)`),
  ],
);

export const trainingSessions = pgTable(
  "training_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    trainingOfferId: uuid()
      .notNull()
      .references(() => trainingOffers.id, { onDelete: "cascade" }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    topic: text().notNull().default(""),
  },
  (table) => [
    index("training_sessions_offer_idx").on(table.trainingOfferId, table.startsAt),
    check("training_sessions_period", sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/**
 * Staff refer a subject (by case code) to a job offer. The subject's office and district are kept
 * here for scopes; `shared_fields` records which identifying fields the subject's consent released
 * to the enterprise at referral time (the enterprise's screens show the list).
 */
export const jobReferrals = pgTable(
  "job_referrals",
  {
    id: uuid().primaryKey().defaultRandom(),
    jobOfferId: uuid()
      .notNull()
      .references(() => jobOffers.id),
    offerVersion: integer().notNull(),
    enterpriseId: uuid()
      .notNull()
      .references(() => organizations.id),
    subjectId: uuid()
      .notNull()
      .references(() => subjects.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    status: jobReferralStatus().notNull().default("referred"),
    sharedFields: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** What staff tell the enterprise (non-identifying: skills, availability). */
    note: text().notNull().default(""),
    /** The enterprise should answer by this working day. */
    respondBy: date().notNull(),
    interviewAt: timestamp({ withTimezone: true }),
    interviewPlace: text(),
    notHiredReason: text(),
    notHiredNote: text(),
    hiredOn: date(),
    decidedAt: timestamp({ withTimezone: true }),
    decidedBy: uuid().references(() => users.id),
    referredBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    foreignKey({
      name: "job_referrals_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("job_referrals_offer_idx").on(table.jobOfferId, table.status),
    index("job_referrals_enterprise_idx").on(table.enterpriseId, table.status),
    index("job_referrals_office_idx").on(table.officeId, table.status),
    index("job_referrals_subject_idx").on(table.subjectId),
    uniqueIndex("job_referrals_one_live_per_offer")
      .on(table.jobOfferId, table.subjectId)
      .where(sql`${table.status} <> 'not_hired'`),
    check(
      "job_referrals_shared_fields",
      sql`${table.sharedFields} <@ array['name', 'phone', 'id_number', 'address']::text[]`,
    ),
    // A criminal record is never a reason (社区矫正法 art. 4): the list has no such entry.
    check(
      "job_referrals_not_hired_reason",
      sql`${table.notHiredReason} is null or ${table.notHiredReason} in (${notHiredReasonList})`,
    ),
    check(
      "job_referrals_not_hired_has_reason",
      sql`(${table.status} = 'not_hired') = (${table.notHiredReason} is not null)`,
    ),
    check("job_referrals_hired_on", sql`(${table.status} = 'hired') = (${table.hiredOn} is not null)`),
    check(
      "job_referrals_interview",
      sql`${table.status} <> 'interview_scheduled' or ${table.interviewAt} is not null`,
    ),
  ],
);

/** A subject enrolled (by staff) in a training offer, and how it went. */
export const trainingEnrollments = pgTable(
  "training_enrollments",
  {
    id: uuid().primaryKey().defaultRandom(),
    trainingOfferId: uuid()
      .notNull()
      .references(() => trainingOffers.id),
    enterpriseId: uuid()
      .notNull()
      .references(() => organizations.id),
    subjectId: uuid()
      .notNull()
      .references(() => subjects.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    status: trainingEnrollmentStatus().notNull().default("enrolled"),
    sharedFields: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text().notNull().default(""),
    completedOn: date(),
    droppedReason: text(),
    enrolledBy: uuid()
      .notNull()
      .references(() => users.id),
    decidedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    foreignKey({
      name: "training_enrollments_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("training_enrollments_offer_idx").on(table.trainingOfferId, table.status),
    index("training_enrollments_enterprise_idx").on(table.enterpriseId, table.status),
    index("training_enrollments_office_idx").on(table.officeId, table.status),
    uniqueIndex("training_enrollments_one_live_per_offer")
      .on(table.trainingOfferId, table.subjectId)
      .where(sql`${table.status} <> 'dropped'`),
    check(
      "training_enrollments_shared_fields",
      sql`${table.sharedFields} <@ array['name', 'phone', 'id_number', 'address']::text[]`,
    ),
    check(
      "training_enrollments_completed_on",
      sql`(${table.status} = 'completed') = (${table.completedOn} is not null)`,
    ),
  ],
);

/** A hire: from the hiring day until it ends, with the retention check-ins of 30, 90 and 180 days. */
export const placements = pgTable(
  "placements",
  {
    id: uuid().primaryKey().defaultRandom(),
    referralId: uuid()
      .notNull()
      .references(() => jobReferrals.id),
    jobOfferId: uuid()
      .notNull()
      .references(() => jobOffers.id),
    enterpriseId: uuid()
      .notNull()
      .references(() => organizations.id),
    subjectId: uuid()
      .notNull()
      .references(() => subjects.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The district of the work place (the report's district). */
    workDistrictId: uuid()
      .notNull()
      .references(() => organizations.id),
    startedOn: date().notNull(),
    status: placementStatus().notNull().default("employed"),
    endedOn: date(),
    endReason: text(),
    endNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("placements_referral_unique").on(table.referralId),
    foreignKey({
      name: "placements_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("placements_enterprise_idx").on(table.enterpriseId, table.startedOn),
    index("placements_office_idx").on(table.officeId, table.status),
    check(
      "placements_end_reason",
      sql`${table.endReason} is null or ${table.endReason} in (${endReasonList})`,
    ),
    check(
      "placements_ended",
      sql`(${table.status} = 'ended') = (${table.endedOn} is not null and ${table.endReason} is not null)`,
    ),
    check("placements_period", sql`${table.endedOn} is null or ${table.endedOn} >= ${table.startedOn}`),
  ],
);

/** Retention check-ins, created with the placement at 30, 90 and 180 days after the start. */
export const retentionCheckins = pgTable(
  "retention_checkins",
  {
    id: uuid().primaryKey().defaultRandom(),
    placementId: uuid()
      .notNull()
      .references(() => placements.id),
    dayMark: smallint().notNull(),
    dueOn: date().notNull(),
    status: retentionCheckinStatus().notNull().default("pending"),
    /** The check-in-due email was queued (by the retention-checkins job). */
    remindedAt: timestamp({ withTimezone: true }),
    recordedAt: timestamp({ withTimezone: true }),
    recordedBy: uuid().references(() => users.id),
  },
  (table) => [
    unique("retention_checkins_placement_mark_unique").on(table.placementId, table.dayMark),
    index("retention_checkins_due_idx").on(table.status, table.dueOn),
    check("retention_checkins_day_mark", sql`${table.dayMark} in (30, 90, 180)`),
    check(
      "retention_checkins_recorded",
      sql`(${table.status} in ('still_employed', 'ended')) = (${table.recordedAt} is not null)`,
    ),
  ],
);

/**
 * What staff keep per subject for referrals — nothing identifying: skills, education level, work
 * history and desired work as categories, availability, the district they want to work in.
 */
export const candidateProfiles = pgTable(
  "candidate_profiles",
  {
    subjectId: uuid()
      .primaryKey()
      .references(() => subjects.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    skills: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    educationLevel: text().notNull(),
    workHistoryCategories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    desiredCategories: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    availability: text().notNull(),
    preferredDistrictId: uuid().references(() => organizations.id),
    updatedBy: uuid()
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    foreignKey({
      name: "candidate_profiles_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("candidate_profiles_office_idx").on(table.officeId),
    check(
      "candidate_profiles_education",
      sql`${table.educationLevel} in ('primary', 'junior_secondary', 'senior_secondary', 'vocational', 'college', 'bachelor', 'postgraduate')`,
    ),
    check(
      "candidate_profiles_availability",
      sql`${table.availability} in ('full_time', 'part_time', 'shifts', 'weekends')`,
    ),
    check(
      "candidate_profiles_categories",
      sql`${table.workHistoryCategories} <@ array[${jobCategoryList}]::text[] and ${table.desiredCategories} <@ array[${jobCategoryList}]::text[]`,
    ),
  ],
);
