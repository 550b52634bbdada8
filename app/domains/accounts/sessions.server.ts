import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import { organizations, sessions, users } from "#db/schema/accounts";
import { unreadCountOf } from "~/domains/notifications/inbox.server";
import { type DbOrTx, prepared } from "~/utils/db.server";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { Role } from "./roles";
import { checkSession, newSessionTimes } from "./session-policy";
import * as clock from "~/utils/clock.server";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  language: string;
  organizationId: string | null;
  organizationKind: string | null;
  organizationName: string | null;
  organizationStatus: string | null;
  /** The district (bureau) of the user's organization; a bureau is its own district. */
  districtId: string | null;
  emailVerified: boolean;
  totpEnabled: boolean;
}

export interface SessionInfo {
  id: string;
  expiresAt: Date;
  twoFactorVerified: boolean;
}

/**
 * Starts a session and returns the token for the cookie. Only SHA-256(token) is stored, so a copy
 * of the database does not let anyone sign in.
 */
export async function createSession(
  db: DbOrTx,
  input: {
    userId: string;
    role: Role;
    ipAddress?: string | null;
    userAgent?: string | null;
    twoFactorVerified: boolean;
  },
  now = clock.now(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(20);
  const times = newSessionTimes(input.role, now);
  await db.insert(sessions).values({
    id: sha256Hex(token),
    userId: input.userId,
    ...times,
    twoFactorVerified: input.twoFactorVerified,
    ipAddress: input.ipAddress ?? null,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt: times.expiresAt };
}

/** The session, its user and organization: only the columns a request needs, one statement. */
function sessionLookup(db: DbOrTx, withUnreadCount: boolean) {
  return db
    .select({
      session: {
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        absoluteExpiresAt: sessions.absoluteExpiresAt,
        twoFactorVerified: sessions.twoFactorVerified,
      },
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        role: users.role,
        language: users.language,
        status: users.status,
        emailVerifiedAt: users.emailVerifiedAt,
        totpEnabledAt: users.totpEnabledAt,
      },
      organization: {
        id: organizations.id,
        kind: organizations.kind,
        name: organizations.name,
        status: organizations.status,
        districtId: organizations.districtId,
      },
      // The page header's bell, in the same statement (0 when not asked for).
      unread: withUnreadCount ? unreadCountOf(users.id) : sql<number>`0`.mapWith(Number),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .limit(1)
    .prepare(withUnreadCount ? "session_with_unread" : "session");
}

/** The user behind a cookie token, or null when unknown, expired or the account is deactivated. */
export async function validateSessionToken(
  db: DbOrTx,
  token: string,
  now = clock.now(),
  options: { withUnreadCount?: boolean } = {},
): Promise<{ session: SessionInfo; user: SessionUser; unreadNotifications: number } | null> {
  const sessionId = sha256Hex(token);
  const lookup = prepared(db, options.withUnreadCount ? "session_with_unread" : "session", (handle) =>
    sessionLookup(handle, options.withUnreadCount ?? false),
  );
  const [row] = await lookup.execute({ sessionId });
  if (!row) return null;
  const check = checkSession(row.session, row.user.role, now);
  if (!check.valid || row.user.status !== "active") {
    await db.delete(sessions).where(eq(sessions.id, sessionId));
    return null;
  }
  let expiresAt = row.session.expiresAt;
  if (check.renew) {
    expiresAt = check.renew.expiresAt;
    await db.update(sessions).set(check.renew).where(eq(sessions.id, sessionId));
  }
  const organization = row.organization;
  return {
    unreadNotifications: row.unread,
    session: { id: sessionId, expiresAt, twoFactorVerified: row.session.twoFactorVerified },
    user: {
      id: row.user.id,
      email: row.user.email,
      displayName: row.user.displayName,
      role: row.user.role,
      language: row.user.language,
      organizationId: organization?.id ?? null,
      organizationKind: organization?.kind ?? null,
      organizationName: organization?.name ?? null,
      organizationStatus: organization?.status ?? null,
      districtId: organization
        ? organization.kind === "bureau"
          ? organization.id
          : organization.districtId
        : null,
      emailVerified: row.user.emailVerifiedAt !== null,
      totpEnabled: row.user.totpEnabledAt !== null,
    },
  };
}

export async function markSessionTwoFactorVerified(db: DbOrTx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ twoFactorVerified: true }).where(eq(sessions.id, sessionId));
}

/** Sends this session back through the second-factor step (used to enrol from the account page). */
export async function requireSecondFactorAgain(db: DbOrTx, sessionId: string): Promise<void> {
  await db.update(sessions).set({ twoFactorVerified: false }).where(eq(sessions.id, sessionId));
}

export async function invalidateSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (password change or reset, role change, deactivation, "everywhere"). */
export async function invalidateAllSessions(
  db: DbOrTx,
  userId: string,
  exceptSessionId?: string,
): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
        : eq(sessions.userId, userId),
    );
}

export async function deleteExpiredSessions(db: DbOrTx, now = clock.now()): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.absoluteExpiresAt, now)));
}
