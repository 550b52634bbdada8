import { and, count, desc, eq, isNull, lte, sql, type SQLWrapper } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { notificationPreferences, notifications } from "#db/schema/notifications";
import type { EmailAudience } from "#emails/define";
import { type EmailTemplateName, getEmailTemplate, notificationKinds } from "#emails/registry";
import { isJusticeRole, type Role } from "~/domains/accounts/roles";
import type { DbOrTx } from "~/utils/db.server";

export interface Page {
  page: number;
  pageSize: number;
}

export function normalizePage(input: Partial<Page> = {}): Page {
  const page = Math.max(1, Math.floor(input.page ?? 1) || 1);
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize ?? 20) || 20));
  return { page, pageSize };
}

export interface InAppNotification {
  id: string;
  kind: string;
  data: unknown;
  readAt: Date | null;
  createdAt: Date;
}

export interface NotificationList extends Page {
  items: InAppNotification[];
  total: number;
  unread: number;
}

/** Scheduled notifications (reminders) are dated when due and stay out of sight until then. */
const isDue = lte(notifications.createdAt, sql`now()`);

/** A user's notifications, newest first. */
export async function listNotifications(
  db: DbOrTx,
  userId: string,
  page?: Partial<Page>,
): Promise<NotificationList> {
  const { page: current, pageSize } = normalizePage(page);
  const [items, [totals]] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        data: notifications.data,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isDue))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((current - 1) * pageSize),
    db
      .select({
        total: count(),
        unread: sql<number>`count(*) filter (where ${notifications.readAt} is null)`.mapWith(Number),
      })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isDue)),
  ]);
  return { items, total: totals?.total ?? 0, unread: totals?.unread ?? 0, page: current, pageSize };
}

/**
 * The bell's number as a scalar subquery for `userId` (a column of the outer query): the session
 * lookup reads it in the same statement, so a page's header costs no statement of its own.
 */
export const unreadCountOf = (userId: SQLWrapper) =>
  sql<number>`(select count(*)::int from ${notifications}
               where ${notifications.userId} = ${userId} and ${notifications.readAt} is null
                 and ${notifications.createdAt} <= now())`.mapWith(Number);

/** The number on the bell; served by the partial unread index. */
export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ unread: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isDue));
  return row?.unread ?? 0;
}

/** Marks one of the user's own notifications read; false when it is not theirs or does not exist. */
export async function markNotificationRead(
  db: DbOrTx,
  userId: string,
  notificationId: string,
): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllNotificationsRead(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), isDue))
    .returning({ id: notifications.id });
  return rows.length;
}

export interface NotificationPreference {
  kind: EmailTemplateName;
  emailEnabled: boolean;
  weeklyDigest: boolean;
  /** Security mail: always sent, not changeable. */
  locked: boolean;
}

/** The group of roles a user's mail is addressed to (templates name theirs in `audience`). */
export function audienceOfRole(role: Role): EmailAudience {
  if (role === "volunteer") return "volunteer";
  return isJusticeRole(role) ? "staff" : "provider";
}

/**
 * Every kind with the user's choice, or the default (emailed, no digest). Given the user's role,
 * only the kinds that can reach that role.
 */
export async function getNotificationPreferences(
  db: DbOrTx,
  userId: string,
  role?: Role,
): Promise<NotificationPreference[]> {
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  const audience = role ? audienceOfRole(role) : null;
  const kinds = audience
    ? notificationKinds.filter((kind) => getEmailTemplate(kind).audience?.includes(audience) ?? true)
    : notificationKinds;
  return kinds.map((kind) => {
    const locked = getEmailTemplate(kind).security;
    const row = byKind.get(kind);
    return {
      kind,
      locked,
      emailEnabled: locked ? true : (row?.emailEnabled ?? true),
      weeklyDigest: locked ? false : (row?.weeklyDigest ?? false),
    };
  });
}

export type PreferenceErrorCode = "unknown_kind" | "security_kind" | "digest_staff_only" | "unknown_user";

export class NotificationPreferenceError extends Error {
  override name = "NotificationPreferenceError";
  constructor(public readonly code: PreferenceErrorCode) {
    super(code);
  }
}

const isNotificationKind = (kind: string): kind is EmailTemplateName =>
  (notificationKinds as string[]).includes(kind);

/** Changes one kind for one user. Security kinds cannot be changed; the weekly digest is for staff. */
export async function setNotificationPreference(
  db: DbOrTx,
  userId: string,
  kind: string,
  change: { emailEnabled?: boolean; weeklyDigest?: boolean },
): Promise<NotificationPreference> {
  // The weekly digest is not a kind of its own: it follows the digest choices of the other kinds.
  if (!isNotificationKind(kind)) throw new NotificationPreferenceError("unknown_kind");
  if (getEmailTemplate(kind).security) throw new NotificationPreferenceError("security_kind");
  const [user] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!user) throw new NotificationPreferenceError("unknown_user");
  if (change.weeklyDigest && !isJusticeRole(user.role))
    throw new NotificationPreferenceError("digest_staff_only");
  const values = {
    ...(change.emailEnabled === undefined ? {} : { emailEnabled: change.emailEnabled }),
    ...(change.weeklyDigest === undefined ? {} : { weeklyDigest: change.weeklyDigest }),
  };
  const [row] = await db
    .insert(notificationPreferences)
    .values({ userId, kind, ...values })
    .onConflictDoUpdate({
      target: [notificationPreferences.userId, notificationPreferences.kind],
      set: { ...values, updatedAt: sql`now()` },
    })
    .returning();
  if (!row) throw new Error("preference upsert returned no row");
  return { kind, emailEnabled: row.emailEnabled, weeklyDigest: row.weeklyDigest, locked: false };
}
