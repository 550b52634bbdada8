import { and, count, eq, gt, lt } from "drizzle-orm";
import { loginAttempts } from "#db/schema/accounts";
import type { DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";

export const LOGIN_WINDOW_MINUTES = 10;
export const MAX_FAILED_LOGINS = 10;

/**
 * Counted in the database, so the limit holds across app instances: ≥ 10 failed sign-ins for one
 * account or from one address within 10 minutes blocks further tries until the window passes.
 */
export async function isLoginBlocked(
  db: DbOrTx,
  email: string,
  ipAddress: string,
  now = clock.now(),
): Promise<boolean> {
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const [byEmail] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    );
  if ((byEmail?.failures ?? 0) >= MAX_FAILED_LOGINS) return true;
  const [byIp] = await db
    .select({ failures: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ipAddress, ipAddress),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.createdAt, since),
      ),
    );
  return (byIp?.failures ?? 0) >= MAX_FAILED_LOGINS;
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
