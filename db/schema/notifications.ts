import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * Transactional outbox of every email the portal sends. A row is written in the same transaction as
 * the event it reports, so a rolled-back event leaves no mail behind; the dispatcher delivers it later.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    recipientEmail: text().notNull(),
    /** Null for mail to someone without an account yet (an invitation), or after the user is deleted. */
    recipientUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    language: text().notNull(),
    template: text().notNull(),
    data: jsonb().notNull(),
    /** Sent to the provider as `Idempotency-Key` on every try, and deduplicates notify() calls. */
    idempotencyKey: text().notNull(),
    status: text().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Scheduled sends (reminders): not delivered before this moment. */
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Lease of the dispatcher that claimed the row; once past, another dispatcher may take it over. */
    lockedUntil: timestamp({ withTimezone: true }),
    lockedBy: text(),
    lastError: text(),
    providerMessageId: text(),
    /** Ties scheduled sends to the event they belong to, so cancelling the event cancels them. */
    groupKey: text(),
    /**
     * The origin every link of this mail uses (issue 11, defect 9): the portal's origin for the request
     * that caused it (APP_URL, else the request's allowed origin). Null: the dispatcher's (APP_URL, else
     * localhost) — mail of background jobs.
     */
    linkOrigin: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex("email_outbox_idempotency_key_unique").on(table.idempotencyKey),
    // Only the rows a dispatcher may still have to deliver; sent mail piles up and must not slow claims.
    index("email_outbox_due_idx")
      .on(table.nextAttemptAt)
      .where(sql`${table.status} in ('pending', 'sending')`),
    index("email_outbox_group_idx")
      .on(table.groupKey)
      .where(sql`${table.groupKey} is not null and ${table.status} = 'pending'`),
    index("email_outbox_dead_idx")
      .on(table.updatedAt)
      .where(sql`${table.status} = 'dead'`),
    index("email_outbox_recipient_user_idx").on(table.recipientUserId),
    check("email_outbox_status", sql`${table.status} in ('pending', 'sending', 'sent', 'dead', 'cancelled')`),
    check("email_outbox_language", sql`${table.language} in ('zh-CN', 'en')`),
    check("email_outbox_attempts", sql`${table.attempts} >= 0`),
    check("email_outbox_recipient_not_blank", sql`length(trim(${table.recipientEmail})) > 0`),
    check("email_outbox_idempotency_key_not_blank", sql`length(${table.idempotencyKey}) > 0`),
    check(
      "email_outbox_sending_has_lease",
      sql`${table.status} <> 'sending' or ${table.lockedUntil} is not null`,
    ),
    check("email_outbox_sent_has_time", sql`${table.status} <> 'sent' or ${table.sentAt} is not null`),
  ],
);

/** The in-app inbox (the bell): one row per thing a user was told, whether or not it was also emailed. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    data: jsonb().notNull(),
    /** Same key as the outbox row of the event, so a repeated event shows once. */
    idempotencyKey: text(),
    readAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Its email was held back for the user's weekly digest instead of being sent on its own. */
    emailDigest: boolean().notNull().default(false),
    /** The weekly digest that reported it; null while it still waits for one. */
    digestId: uuid().references(() => notificationDigests.id, { onDelete: "set null" }),
    /**
     * A scheduled event's group (see the outbox's group_key): such a notification is dated when it
     * is due (`created_at` in the future until then, hidden from the inbox) and withdrawn with its
     * mail when the event is cancelled.
     */
    groupKey: text(),
  },
  (table) => [
    uniqueIndex("notifications_idempotency_key_unique").on(table.idempotencyKey),
    index("notifications_user_idx").on(table.userId, table.createdAt),
    index("notifications_unread_idx")
      .on(table.userId)
      .where(sql`${table.readAt} is null`),
    // What the digest run looks for every few minutes: only the rows still owed a digest.
    index("notifications_digest_pending_idx")
      .on(table.userId, table.createdAt)
      .where(sql`${table.emailDigest} and ${table.digestId} is null`),
    index("notifications_group_idx")
      .on(table.groupKey)
      .where(sql`${table.groupKey} is not null`),
    check("notifications_kind_not_blank", sql`length(${table.kind}) > 0`),
    check("notifications_digest_only_if_digested", sql`${table.digestId} is null or ${table.emailDigest}`),
  ],
);

/**
 * One row per user and digest week: the user's weekly digest was assembled for that week (the row's
 * creation is the user's last digest time). The unique pair lets one app instance, and only one, do it.
 */
export const notificationDigests = pgTable(
  "notification_digests",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The scheduled digest time of that week (Monday 08:00 in Asia/Shanghai), in UTC. */
    weekOf: timestamp({ withTimezone: true }).notNull(),
    itemCount: integer().notNull(),
    /** Key of the digest mail in email_outbox. */
    idempotencyKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("notification_digests_user_week_unique").on(table.userId, table.weekOf),
    uniqueIndex("notification_digests_idempotency_key_unique").on(table.idempotencyKey),
    check("notification_digests_item_count", sql`${table.itemCount} > 0`),
  ],
);

/**
 * Per user and kind: whether it is emailed, and (staff) whether it is gathered into a weekly digest.
 * No row means the default: emailed, no digest. Security kinds are never looked up here.
 */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    emailEnabled: boolean().notNull().default(true),
    weeklyDigest: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/** Mail "delivered" while no RESEND_API_KEY is configured: kept here for the development mailbox page. */
export const devMailbox = pgTable(
  "dev_mailbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** The outbox row's key: a retried delivery lands once, as at the real provider. */
    idempotencyKey: text().notNull(),
    fromAddress: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    /** Attached files as sent (filename, content type, base64 content), e.g. a booking's .ics. */
    attachments: jsonb()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("dev_mailbox_idempotency_key_unique").on(table.idempotencyKey),
    index("dev_mailbox_created_idx").on(table.createdAt),
  ],
);
