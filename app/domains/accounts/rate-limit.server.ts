import { and, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { loginAttempts } from "#db/schema/accounts";
import type { DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";

export const LOGIN_WINDOW_MINUTES = 10;
export const MAX_FAILED_LOGINS = 10;

/** Seconds until the window has fewer than the limit of failures, or null when it is not reached. */
async function failuresRetryAfter(db: DbOrTx, match: SQL, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const recent = await db
    .select({ createdAt: loginAttempts.createdAt })
    .from(loginAttempts)
    .where(and(match, eq(loginAttempts.succeeded, false), gt(loginAttempts.createdAt, since)))
    .orderBy(desc(loginAttempts.createdAt))
    .limit(MAX_FAILED_LOGINS);
  if (recent.length < MAX_FAILED_LOGINS) return null;
  // The oldest of the last MAX failures has to leave the window before another try is allowed.
  const frees = recent.at(-1)!.createdAt.getTime() + LOGIN_WINDOW_MINUTES * 60_000;
  return Math.max(1, Math.ceil((frees - now.getTime()) / 1000));
}

export interface LoginThrottle {
  /** ≥ 10 failures from this address: every sign-in from it waits (seconds), whatever the account. */
  address: number | null;
  /**
   * ≥ 10 failures for this account from anywhere: sign-ins from devices the account has not signed in
   * from wait (seconds); a known device still signs in with the right password (ADR 006: throttling
   * must not let anyone lock the owner out).
   */
  account: number | null;
}

/** Counted in the database, so the limits hold across app instances. */
export async function loginThrottle(
  db: DbOrTx,
  email: string,
  ipAddress: string,
  now = clock.now(),
): Promise<LoginThrottle> {
  return {
    address: await failuresRetryAfter(db, eq(loginAttempts.ipAddress, ipAddress), now),
    account: await failuresRetryAfter(db, eq(loginAttempts.email, email), now),
  };
}

export async function recordLoginAttempt(
  db: DbOrTx,
  email: string,
  ipAddress: string,
  succeeded: boolean,
  now = clock.now(),
) {
  await db.insert(loginAttempts).values({ email, ipAddress, succeeded, createdAt: now });
}

/** Forget attempts older than the window (run by the dispatcher's housekeeping). */
export async function pruneLoginAttempts(db: DbOrTx, now = clock.now()) {
  const before = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  await db.delete(loginAttempts).where(lt(loginAttempts.createdAt, before));
}
