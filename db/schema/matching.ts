import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
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

/** Who can be a provider: a social organization, an approved volunteer, an enterprise, a law firm. */
export const providerKind = pgEnum("provider_kind", ["social_org", "volunteer", "enterprise", "law_firm"]);
export const providerStatus = pgEnum("provider_status", ["active", "paused"]);
export const needUrgency = pgEnum("need_urgency", ["urgent", "normal", "low"]);
/** `open`: waiting for a provider (new, or back after a decline/expiry); `referred`: a referral is live. */
export const needStatus = pgEnum("need_status", [
  "open",
  "referred",
  "resolved",
  "not_resolved",
  "cancelled",
]);
export const referralStatus = pgEnum("referral_status", [
  "draft",
  "sent",
  "accepted",
  "declined",
  "expired",
  "in_progress",
  "resolved",
  "not_resolved",
  "cancelled",
]);

/**
 * The two-level service taxonomy (ADR 007: a reference table seeded by a migration, never free
 * text). A top-level category names the kinds of provider that may serve it (enterprises only
 * employment and training, law firms only legal matters); a subcategory inherits its parent's.
 * The composite foreign key (parent_id, parent_level) → (id, level) keeps it two levels deep.
 */
export const serviceCategories = pgTable(
  "service_categories",
  {
    id: text().primaryKey(),
    level: smallint().notNull(),
    parentId: text(),
    parentLevel: smallint(),
    labelZh: text().notNull(),
    labelEn: text().notNull(),
    providerKinds: text().array().notNull(),
    sortOrder: integer().notNull(),
    active: boolean().notNull().default(true),
  },
  (table) => [
    unique("service_categories_id_level_unique").on(table.id, table.level),
    foreignKey({
      name: "service_categories_parent_fk",
      columns: [table.parentId, table.parentLevel],
      foreignColumns: [table.id, table.level],
    }),
    check(
      "service_categories_two_levels",
      sql`(${table.level} = 1 and ${table.parentId} is null and ${table.parentLevel} is null)
        or (${table.level} = 2 and ${table.parentId} is not null and ${table.parentLevel} = 1)`,
    ),
    check("service_categories_id_shape", sql`${table.id} ~ '^[a-z_]+(\\.[a-z_]+)?$'`),
    check(
      "service_categories_provider_kinds",
      sql`${table.providerKinds} <@ array['social_org', 'volunteer', 'enterprise', 'law_firm']::text[]`,
    ),
  ],
);

/**
 * A provider of help: one organization (social organization, enterprise, law firm) or one approved
 * volunteer. `active_cases` counts the referrals it holds (accepted or in progress), maintained by
 * a trigger on referrals (migration `matching_guards`); the CHECK keeps it within `capacity`, so two
 * concurrent acceptances of the last place cannot both commit. The answer statistics feed the ranking.
 */
export const providers = pgTable(
  "providers",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: providerKind().notNull(),
    organizationId: uuid().references(() => organizations.id),
    volunteerUserId: uuid().references(() => users.id),
    /** The district the provider belongs to (its organization's, or the volunteer's home office's). */
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Serves every office of its district (otherwise only those in provider_offices). */
    coversDistrict: boolean().notNull().default(false),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Genders of the workers the provider can assign (a female subject's team includes a woman). */
    workerGenders: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    capacity: integer().notNull().default(0),
    activeCases: integer().notNull().default(0),
    status: providerStatus().notNull().default("active"),
    referralsAnswered: integer().notNull().default(0),
    referralsAccepted: integer().notNull().default(0),
    referralsExpired: integer().notNull().default(0),
    casesResolved: integer().notNull().default(0),
    casesNotResolved: integer().notNull().default(0),
    /** Sum of minutes from sent to answer, over referralsAnswered answers. */
    responseMinutesTotal: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("providers_organization_unique")
      .on(table.organizationId)
      .where(sql`${table.organizationId} is not null`),
    uniqueIndex("providers_volunteer_unique")
      .on(table.volunteerUserId)
      .where(sql`${table.volunteerUserId} is not null`),
    index("providers_district_idx").on(table.districtId, table.status),
    // Who a provider is, without its row: the commendation figures join thousands of resolved
    // referrals to their providers' organization (an index-only scan instead of the whole table).
    index("providers_party_idx").on(table.id, table.kind, table.organizationId),
    check(
      "providers_party",
      sql`(${table.kind} = 'volunteer') = (${table.volunteerUserId} is not null)
        and (${table.kind} <> 'volunteer') = (${table.organizationId} is not null)`,
    ),
    check("providers_capacity", sql`${table.capacity} between 0 and 1000`),
    check(
      "providers_active_cases_within_capacity",
      sql`${table.activeCases} >= 0 and ${table.activeCases} <= ${table.capacity}`,
    ),
    check("providers_worker_genders", sql`${table.workerGenders} <@ array['male', 'female']::text[]`),
    check(
      "providers_stats_nonnegative",
      sql`${table.referralsAnswered} >= 0 and ${table.referralsAccepted} between 0 and ${table.referralsAnswered}
        and ${table.referralsExpired} >= 0 and ${table.casesResolved} >= 0 and ${table.casesNotResolved} >= 0
        and ${table.responseMinutesTotal} >= 0`,
    ),
  ],
);

/** The categories a provider serves: a top-level category covers all its subcategories. */
export const providerCategories = pgTable(
  "provider_categories",
  {
    providerId: uuid()
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    categoryId: text()
      .notNull()
      .references(() => serviceCategories.id),
  },
  (table) => [
    primaryKey({ columns: [table.providerId, table.categoryId] }),
    index("provider_categories_category_idx").on(table.categoryId),
  ],
);

/** Offices a provider covers besides (or instead of) its whole district. */
export const providerOffices = pgTable(
  "provider_offices",
  {
    providerId: uuid()
      .notNull()
      .references(() => providers.id, { onDelete: "cascade" }),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
  },
  (table) => [
    primaryKey({ columns: [table.providerId, table.officeId] }),
    index("provider_offices_office_idx").on(table.officeId),
  ],
);

/**
 * A help need (帮扶需求) registered by office staff for a subject. The description must not identify
 * the subject (the form says so; providers read it). `respond_by` is the urgency's target response
 * time. A female subject's need requires a woman on the provider's side (社区矫正法 art. 25): a
 * trigger (migration `matching_guards`) refuses anything else.
 */
export const helpNeeds = pgTable(
  "help_needs",
  {
    id: uuid().primaryKey().defaultRandom(),
    subjectId: uuid()
      .notNull()
      .references(() => subjects.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    categoryId: text()
      .notNull()
      .references(() => serviceCategories.id),
    urgency: needUrgency().notNull(),
    /** The street or township (街道), as on the subject's record: never an address. */
    area: text().notNull(),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    genderRequirement: text().notNull().default("none"),
    description: text().notNull(),
    status: needStatus().notNull().default("open"),
    respondBy: timestamp({ withTimezone: true }).notNull(),
    outcomeNote: text(),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    /** A CSV import's batch, so an import can be traced. */
    importBatch: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    foreignKey({
      name: "help_needs_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("help_needs_office_status_idx").on(table.officeId, table.status, table.respondBy),
    index("help_needs_district_status_idx").on(table.districtId, table.status, table.respondBy),
    index("help_needs_subject_idx").on(table.subjectId),
    // The staff board's order (live needs first, then by target time), so a page is read in order
    // from the index instead of sorting every need of the office or district.
    index("help_needs_board_office_idx").on(
      table.officeId,
      sql`(${table.status} in ('open', 'referred')) desc`,
      table.respondBy,
      table.id,
    ),
    index("help_needs_board_district_idx").on(
      table.districtId,
      sql`(${table.status} in ('open', 'referred')) desc`,
      table.respondBy,
      table.id,
    ),
    check("help_needs_gender_requirement", sql`${table.genderRequirement} in ('none', 'female', 'male')`),
    check("help_needs_description_length", sql`length(trim(${table.description})) between 1 and 1000`),
    check("help_needs_area_not_blank", sql`length(trim(${table.area})) > 0`),
    check(
      "help_needs_closed",
      sql`(${table.status} in ('resolved', 'not_resolved', 'cancelled')) = (${table.closedAt} is not null)`,
    ),
  ],
);

/**
 * A referral of one need to one provider, through its lifecycle (app/domains/matching/referral-status.ts).
 * Each transition is stamped here (for time-to-accept and time-to-resolve) and in referral_events.
 * At most one live referral per need (partial unique index).
 */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid().primaryKey().defaultRandom(),
    needId: uuid()
      .notNull()
      .references(() => helpNeeds.id),
    providerId: uuid()
      .notNull()
      .references(() => providers.id),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    status: referralStatus().notNull().default("draft"),
    /** The ranking at the time staff chose: total and parts, so the choice can be explained later. */
    score: integer(),
    scoreParts: jsonb(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    sentAt: timestamp({ withTimezone: true }),
    sentBy: uuid().references(() => users.id),
    /** No answer by then and the referral expires (2 working days + grace). */
    dueAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: uuid().references(() => users.id),
    declineReason: text(),
    declineNote: text(),
    startedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    closedBy: uuid().references(() => users.id),
    outcomeNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    foreignKey({
      name: "referrals_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    uniqueIndex("referrals_one_live_per_need")
      .on(table.needId)
      .where(sql`${table.status} in ('draft', 'sent', 'accepted', 'in_progress')`),
    index("referrals_provider_status_idx").on(table.providerId, table.status, table.dueAt),
    index("referrals_office_status_idx").on(table.officeId, table.status),
    index("referrals_due_idx")
      .on(table.dueAt)
      .where(sql`${table.status} = 'sent'`),
    index("referrals_need_idx").on(table.needId),
    // Referrals resolved in a period per district (the commendation figures of every provider kind).
    // The district's resolved referrals of a period with their provider, read from the index alone.
    index("referrals_resolved_idx")
      .on(table.districtId, table.closedAt, table.providerId)
      .where(sql`${table.status} = 'resolved'`),
    check(
      "referrals_decline_reason",
      sql`(${table.status} = 'declined') = (${table.declineReason} is not null)
        and (${table.declineReason} is null or ${table.declineReason} in ('no_capacity', 'outside_area', 'not_eligible', 'cannot_contact', 'other'))`,
    ),
    check(
      "referrals_decline_other_note",
      sql`${table.declineReason} is distinct from 'other' or length(trim(coalesce(${table.declineNote}, ''))) > 0`,
    ),
    check(
      "referrals_sent_stamped",
      sql`${table.status} in ('draft', 'cancelled') or (${table.sentAt} is not null and ${table.dueAt} is not null)`,
    ),
    check(
      "referrals_outcome",
      sql`${table.status} not in ('resolved', 'not_resolved') or (length(trim(coalesce(${table.outcomeNote}, ''))) > 0 and ${table.closedAt} is not null)`,
    ),
  ],
);

/** Every transition of a referral and every progress note: who, when, from → to. */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    referralId: uuid()
      .notNull()
      .references((): AnyPgColumn => referrals.id),
    fromStatus: referralStatus(),
    toStatus: referralStatus().notNull(),
    /** Null for the system (expiry). */
    actorId: uuid().references(() => users.id),
    note: text(),
    at: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index("referral_events_referral_idx").on(table.referralId, table.at)],
);
