import { sql } from "drizzle-orm";
import {
  check,
  date,
  foreignKey,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations, users } from "./accounts";

export const supervisionLevel = pgEnum("supervision_level", ["lenient", "normal", "strict"]);
export const subjectStatus = pgEnum("subject_status", ["active", "ended", "archived"]);

/**
 * People under community corrections. Everyone outside the justice roles knows them only by
 * `case_code`. Identifying fields are AES-256-GCM ciphertexts (`keyId.iv.tag.body`); the ID number
 * is also kept as an HMAC for exact-match search. After the retention period the ciphertexts are
 * erased (purged_at) and only the case code and statistics remain.
 */
export const subjects = pgTable(
  "subjects",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Random, not derived from any personal field. */
    caseCode: text().notNull(),
    officeId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** The bureau of the office, kept here so district-scoped queries need no join. */
    districtId: uuid()
      .notNull()
      .references(() => organizations.id),
    nameCiphertext: text(),
    idNumberCiphertext: text(),
    idNumberHash: text(),
    phoneCiphertext: text(),
    addressCiphertext: text(),
    birthDateCiphertext: text(),
    gender: text().notNull(),
    /** The street or township (街道): coarse enough to share for matching, never a full address. */
    area: text().notNull(),
    languages: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    supervisionLevel: supervisionLevel().notNull(),
    correctionStart: date().notNull(),
    correctionEnd: date().notNull(),
    status: subjectStatus().notNull().default("active"),
    endedAt: timestamp({ withTimezone: true }),
    archivedAt: timestamp({ withTimezone: true }),
    purgedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("subjects_case_code_unique").on(table.caseCode),
    index("subjects_office_idx").on(table.officeId, table.status),
    foreignKey({
      name: "subjects_office_district_fk",
      columns: [table.officeId, table.districtId],
      foreignColumns: [organizations.id, organizations.districtId],
    }),
    index("subjects_district_idx").on(table.districtId, table.status),
    // One open record per person: a new registration of the same ID number must end the old one first.
    uniqueIndex("subjects_active_id_number_unique")
      .on(table.idNumberHash)
      .where(sql`${table.status} = 'active' and ${table.idNumberHash} is not null`),
    check("subjects_case_code_shape", sql`${table.caseCode} ~ '^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$'`),
    check("subjects_gender", sql`${table.gender} in ('male', 'female')`),
    check("subjects_period", sql`${table.correctionEnd} >= ${table.correctionStart}`),
    check(
      "subjects_identity_until_purged",
      sql`(${table.purgedAt} is null and ${table.nameCiphertext} is not null and ${table.idNumberCiphertext} is not null)
        or (${table.purgedAt} is not null and ${table.nameCiphertext} is null and ${table.idNumberCiphertext} is null
            and ${table.phoneCiphertext} is null and ${table.addressCiphertext} is null and ${table.birthDateCiphertext} is null
            and ${table.idNumberHash} is null)`,
    ),
    check("subjects_status_times", sql`(${table.status} = 'active') = (${table.endedAt} is null)`),
  ],
);

/**
 * The consent ledger (PIPL art. 23, 29): what a subject agreed to share with which recipient, for
 * what purpose, until when. A withdrawn or expired consent shares nothing.
 */
export const consents = pgTable(
  "consents",
  {
    id: uuid().primaryKey().defaultRandom(),
    subjectId: uuid()
      .notNull()
      .references(() => subjects.id),
    recipientOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    purpose: text().notNull(),
    /** Which identifying fields may be shown: a subset of name, phone, id_number, address. */
    dataCategories: text().array().notNull(),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    withdrawnAt: timestamp({ withTimezone: true }),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    withdrawnBy: uuid().references(() => users.id),
  },
  (table) => [
    index("consents_subject_recipient_idx").on(table.subjectId, table.recipientOrganizationId),
    check("consents_expiry_after_grant", sql`${table.expiresAt} > ${table.grantedAt}`),
    check("consents_purpose_not_blank", sql`length(trim(${table.purpose})) > 0`),
    check(
      "consents_categories",
      sql`cardinality(${table.dataCategories}) > 0 and ${table.dataCategories} <@ array['name', 'phone', 'id_number', 'address']::text[]`,
    ),
    check("consents_withdrawal", sql`(${table.withdrawnAt} is null) = (${table.withdrawnBy} is null)`),
  ],
);
