import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./accounts";

/** Who a commendation type is for: a volunteer (a person) or an organization of one kind. */
export const nomineeKind = pgEnum("nominee_kind", ["volunteer", "social_org", "enterprise", "law_firm"]);
export const awardPeriodKind = pgEnum("award_period_kind", ["year", "half_year"]);
/**
 * submitted → returned (for changes) → submitted …; submitted → rejected; submitted → in_notice
 * (approved by a bureau admin, public notice running) → final, or → rejected when an objection is
 * upheld; final → revoked. See app/domains/awards/nomination-status.ts.
 */
export const nominationStatus = pgEnum("nomination_status", [
  "submitted",
  "returned",
  "rejected",
  "in_notice",
  "final",
  "revoked",
]);
export const objectionStatus = pgEnum("objection_status", ["open", "upheld", "dismissed"]);

/**
 * Commendation types (表彰类型) a bureau admin configures for the district, with the recorded figures a
 * candidate must reach in the period. A criterion left null does not apply.
 */
export const awardTypes = pgTable(
  "award_types",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The bureau (district) the type belongs to. */
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    nomineeKind: nomineeKind().notNull(),
    periodKind: awardPeriodKind().notNull(),
    /** Approved service minutes in the period (volunteers; for organizations: on their activities). */
    minMinutes: integer(),
    /** Activities held in the period (organizations organizing service activities). */
    minActivities: integer(),
    /** Enterprises: placements (hires of referred subjects) that started in the period. */
    minPlacements: integer(),
    /** Enterprises: of those placements, how many were still employed 30, 90 and 180 days after the start. */
    minRetained30: integer(),
    minRetained90: integer(),
    minRetained180: integer(),
    /** Law firms: consultations their lawyers gave (attended) in the period. */
    minConsultations: integer(),
    /** Any provider of help (matching): referrals it closed as resolved in the period. */
    minReferralsResolved: integer(),
    /** Working days of public notice before an approval becomes final (at least 5). */
    noticeWorkingDays: smallint().notNull().default(5),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("award_types_name_unique").on(table.districtId, table.nameZh),
    check("award_types_notice_days", sql`${table.noticeWorkingDays} between 5 and 30`),
    check(
      "award_types_criteria_positive",
      sql`coalesce(${table.minMinutes}, 1) > 0 and coalesce(${table.minActivities}, 1) > 0
        and coalesce(${table.minPlacements}, 1) > 0 and coalesce(${table.minRetained30}, 1) > 0
        and coalesce(${table.minRetained90}, 1) > 0 and coalesce(${table.minRetained180}, 1) > 0
        and coalesce(${table.minConsultations}, 1) > 0 and coalesce(${table.minReferralsResolved}, 1) > 0`,
    ),
    // A criterion only for the kind of nominee whose records have that figure (eligibility.ts).
    check(
      "award_types_criteria_of_kind",
      sql`(${table.nomineeKind} in ('volunteer', 'social_org') or (${table.minMinutes} is null and ${table.minActivities} is null))
        and (${table.nomineeKind} = 'enterprise' or (${table.minPlacements} is null and ${table.minRetained30} is null
             and ${table.minRetained90} is null and ${table.minRetained180} is null))
        and (${table.nomineeKind} = 'law_firm' or ${table.minConsultations} is null)`,
    ),
  ],
);

/**
 * A nomination (提名) by office staff, reviewed by a bureau admin, then in public notice (公示) and final.
 * The figures the nomination rests on are frozen in `evidence` when it is made.
 */
export const nominations = pgTable(
  "nominations",
  {
    id: uuid().primaryKey().defaultRandom(),
    awardTypeId: uuid()
      .notNull()
      .references(() => awardTypes.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The nominating office. */
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    nomineeKind: nomineeKind().notNull(),
    nomineeUserId: uuid().references(() => users.id),
    nomineeOrganizationId: uuid().references(() => organizations.id),
    /** The nominee's name at nomination (a person's legal name, an organization's name). */
    nomineeName: text().notNull(),
    /** Whether the nominee agreed to their full name on the public honour roll (else masked). */
    publishFullName: boolean().notNull().default(false),
    periodStart: date().notNull(),
    periodEnd: date().notNull(),
    statement: text().notNull(),
    /** The recorded figures at nomination: `{ minutes, activities, … }`. */
    evidence: jsonb().notNull(),
    status: nominationStatus().notNull().default("submitted"),
    nominatedBy: uuid()
      .notNull()
      .references(() => users.id),
    reviewedBy: uuid().references(() => users.id),
    reviewComment: text(),
    noticeStartsOn: date(),
    /** The last working day of the notice; the award can become final the day after. */
    noticeEndsOn: date(),
    finalizedAt: timestamp({ withTimezone: true }),
    certificateNumber: text(),
    revokedAt: timestamp({ withTimezone: true }),
    revokeReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("nominations_district_status_idx").on(table.districtId, table.status),
    index("nominations_office_idx").on(table.officeId, table.createdAt),
    uniqueIndex("nominations_certificate_number_unique").on(table.certificateNumber),
    // One live nomination per nominee, type and period: a rejected or revoked one may be made again.
    uniqueIndex("nominations_one_live_per_nominee")
      .on(
        table.awardTypeId,
        table.periodStart,
        sql`coalesce(${table.nomineeUserId}, ${table.nomineeOrganizationId})`,
      )
      .where(sql`${table.status} not in ('rejected', 'revoked')`),
    check(
      "nominations_one_nominee",
      sql`(${table.nomineeKind} = 'volunteer' and ${table.nomineeUserId} is not null and ${table.nomineeOrganizationId} is null)
        or (${table.nomineeKind} <> 'volunteer' and ${table.nomineeOrganizationId} is not null and ${table.nomineeUserId} is null)`,
    ),
    check("nominations_period", sql`${table.periodEnd} >= ${table.periodStart}`),
    // No one approves their own nomination (also refused by the state machine).
    check(
      "nominations_no_self_review",
      sql`${table.reviewedBy} is null or ${table.reviewedBy} <> ${table.nominatedBy}`,
    ),
    check(
      "nominations_notice_dates",
      sql`${table.status} not in ('in_notice', 'final', 'revoked') or (${table.noticeStartsOn} is not null and ${table.noticeEndsOn} >= ${table.noticeStartsOn})`,
    ),
    check(
      "nominations_final_has_certificate",
      sql`${table.status} not in ('final', 'revoked') or (${table.certificateNumber} is not null and ${table.finalizedAt} is not null)`,
    ),
    check(
      "nominations_revoked_has_reason",
      sql`${table.status} <> 'revoked' or (${table.revokedAt} is not null and length(${table.revokeReason}) > 0)`,
    ),
  ],
);

/** What happened to a nomination, in order: submitted, returned, resubmitted, approved, … */
export const nominationEvents = pgTable(
  "nomination_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    nominationId: uuid()
      .notNull()
      .references(() => nominations.id),
    action: text().notNull(),
    fromStatus: nominationStatus(),
    toStatus: nominationStatus().notNull(),
    /** Null for the system (the job that makes awards final) and for a member of the public. */
    actorId: uuid().references(() => users.id),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("nomination_events_nomination_idx").on(table.nominationId, table.createdAt)],
);

/** An objection (异议) filed by anyone during the public notice; it must be resolved before the award is final. */
export const nominationObjections = pgTable(
  "nomination_objections",
  {
    id: uuid().primaryKey().defaultRandom(),
    nominationId: uuid()
      .notNull()
      .references(() => nominations.id),
    filerName: text().notNull(),
    filerContact: text().notNull(),
    body: text().notNull(),
    status: objectionStatus().notNull().default("open"),
    resolvedBy: uuid().references(() => users.id),
    resolution: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    /**
     * The idempotency key of the form it was filed with (filers have no account, so the key lives here,
     * not in form_submissions): a double click or a replay files one objection.
     */
    submissionKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("nomination_objections_nomination_idx").on(table.nominationId, table.status),
    uniqueIndex("nomination_objections_submission_unique").on(table.nominationId, table.submissionKey),
    check("nomination_objections_resolved", sql`(${table.status} = 'open') = (${table.resolvedAt} is null)`),
  ],
);

export type AwardTypeRow = typeof awardTypes.$inferSelect;
export type NominationRow = typeof nominations.$inferSelect;
