import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  bigint,
} from "drizzle-orm/pg-core";

export const organizationKind = pgEnum("organization_kind", [
  "bureau",
  "office",
  "enterprise",
  "law_firm",
  "social_org",
]);

export const organizationStatus = pgEnum("organization_status", [
  "pending",
  "verified",
  "rejected",
  "suspended",
]);

export const userRole = pgEnum("user_role", [
  "volunteer",
  "enterprise_member",
  "law_firm_admin",
  "lawyer",
  "provider_member",
  "office_staff",
  "bureau_admin",
  "system_admin",
]);

export const userStatus = pgEnum("user_status", ["active", "deactivated"]);

export const tokenPurpose = pgEnum("token_purpose", ["email_verification", "password_reset", "invitation"]);

/**
 * Bureaus (one per district), their judicial offices, and the self-registered organizations of
 * social forces. A bureau is its own district; everything else belongs to one bureau's district.
 */
export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: organizationKind().notNull(),
    name: text().notNull(),
    /** The bureau whose district this organization is in (null only for a bureau itself). */
    districtId: uuid().references((): AnyPgColumn => organizations.id),
    status: organizationStatus().notNull().default("pending"),
    /** 统一社会信用代码, GB 32100-2015 (enterprises, law firms, social organizations). */
    creditCode: text(),
    contactName: text(),
    contactPhone: text(),
    address: text(),
    /** When the enterprise accepted the non-discrimination pledge (社区矫正法 art. 4, 57). */
    pledgeAcceptedAt: timestamp({ withTimezone: true }),
    statusReason: text(),
    statusChangedAt: timestamp({ withTimezone: true }),
    statusChangedBy: uuid(),
    /** A judicial office's person in charge (负责人), named on the certificates it issues. */
    personInCharge: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("organizations_credit_code_unique").on(table.creditCode),
    // Target of the composite foreign keys (office_id, district_id) on subjects, volunteers, activities
    // and hour records: a row can only name an office together with that office's own district.
    unique("organizations_id_district_unique").on(table.id, table.districtId),
    index("organizations_district_idx").on(table.districtId, table.kind),
    check("organizations_name_not_blank", sql`length(trim(${table.name})) > 0`),
    check(
      "organizations_district_shape",
      sql`(${table.kind} = 'bureau' and ${table.districtId} is null) or (${table.kind} <> 'bureau' and ${table.districtId} is not null)`,
    ),
    check(
      "organizations_credit_code_shape",
      sql`${table.creditCode} is null or ${table.creditCode} ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'`,
    ),
    check(
      "organizations_social_forces_have_credit_code",
      sql`${table.kind} in ('bureau', 'office') or ${table.creditCode} is not null`,
    ),
    check(
      "organizations_enterprise_pledge",
      sql`${table.kind} <> 'enterprise' or ${table.pledgeAcceptedAt} is not null`,
    ),
  ],
);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Stored lower-cased; unique. */
    email: text().notNull(),
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** argon2id; null for an invited user who has not set a password yet. */
    passwordHash: text(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    displayName: text().notNull(),
    language: text().notNull().default("zh-CN"),
    role: userRole().notNull(),
    organizationId: uuid().references(() => organizations.id),
    status: userStatus().notNull().default("active"),
    /** TOTP secret, encrypted with the app key; set when two-factor sign-in is on. */
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    /** The last TOTP time step accepted: a code of this step or an earlier one is refused (RFC 6238 §5.2). */
    totpLastStep: bigint({ mode: "number" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("users_email_unique").on(table.email),
    index("users_organization_idx").on(table.organizationId),
    check("users_email_lowercase", sql`${table.email} = lower(${table.email})`),
    check("users_language", sql`${table.language} in ('zh-CN', 'en')`),
    check(
      "users_role_needs_organization",
      sql`${table.role} in ('volunteer', 'system_admin') or ${table.organizationId} is not null`,
    ),
  ],
);

/** Lucia-style sessions: the id is the SHA-256 of the cookie token; the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Sliding expiry: moved forward on use, never past absoluteExpiresAt. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp({ withTimezone: true }).notNull(),
    /** False while a user with two-factor sign-in has given the password but not the code yet. */
    twoFactorVerified: boolean().notNull().default(false),
    /** Wrong second-factor codes given in this half-signed-in session; too many end it. */
    twoFactorFailures: integer().notNull().default(0),
    ipAddress: text(),
    userAgent: text(),
  },
  (table) => [
    index("sessions_user_idx").on(table.userId),
    check("sessions_id_is_sha256", sql`${table.id} ~ '^[0-9a-f]{64}$'`),
  ],
);

/** One-time secrets sent by email (verification, reset, invitation). Stored hashed, expiring. */
export const verificationTokens = pgTable(
  "verification_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: tokenPurpose().notNull(),
    /** SHA-256 of the link token. */
    tokenHash: text().notNull(),
    /** SHA-256 of the short code typed by hand (email verification only). */
    codeHash: text(),
    attempts: integer().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("verification_tokens_token_hash_unique").on(table.tokenHash),
    index("verification_tokens_user_idx").on(table.userId, table.purpose),
    check("verification_tokens_attempts", sql`${table.attempts} >= 0`),
  ],
);

/** Every sign-in attempt, for the per-account and per-IP limits (≥ 10 failures in 10 min → 429). */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    ipAddress: text().notNull(),
    succeeded: boolean().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("login_attempts_email_idx").on(table.email, table.createdAt),
    index("login_attempts_ip_idx").on(table.ipAddress, table.createdAt),
  ],
);

/**
 * Devices that completed a sign-in: a long-lived random cookie whose SHA-256 is kept here. A correct
 * password from a known device still signs in while the account is throttled for strangers (OWASP:
 * throttling must not let anyone lock the owner out).
 */
export const knownDevices = pgTable(
  "known_devices",
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("known_devices_user_idx").on(table.userId),
    check("known_devices_id_is_sha256", sql`${table.id} ~ '^[0-9a-f]{64}$'`),
  ],
);

/**
 * Idempotency keys of forms that create something: rendered into the form, unique per actor, written in
 * the same transaction as the record, so a double click, a retry or a replay creates one record and
 * answers with it.
 */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text().notNull(),
    /** What the submission created (e.g. 'hour-record') and its id, to answer a replay with it. */
    entity: text().notNull(),
    entityId: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.key] }),
    index("form_submissions_created_idx").on(table.createdAt),
    check("form_submissions_key_shape", sql`${table.key} ~ '^[A-Za-z0-9_-]{16,64}$'`),
  ],
);

export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index("recovery_codes_user_idx").on(table.userId)],
);

/** `action:entity:scope` permission strings, and which role holds which (seeded by a migration). */
export const permissions = pgTable("permissions", {
  key: text().primaryKey(),
  description: text().notNull(),
});

export const rolePermissions = pgTable(
  "role_permissions",
  {
    role: userRole().notNull(),
    permission: text()
      .notNull()
      .references(() => permissions.key, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.role, table.permission] })],
);
