import { and, eq, sql } from "drizzle-orm";
import { sessions } from "#db/schema/accounts";
import { type DbOrTx, selectRows } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { type RateLimit, windowOf } from "./request-limits";
import { hitRateLimit } from "./request-limits.server";

/**
 * Guessing the second factor (issue 12, finding 3): a half-signed-in session may give
 * SESSION_ATTEMPTS wrong codes, an account ACCOUNT_LIMIT within its window across all its sessions;
 * past either the session ends and the password must be given again (and, past the account's limit,
 * the window must pass). A wrong code counts whether it was a TOTP or a recovery code.
 */
export const SESSION_ATTEMPTS = 5;
export const accountSecondFactorLimit = {
  bucket: "two-factor:account",
  limit: 10,
  windowMs: 15 * 60_000,
} as const satisfies RateLimit;

export type SecondFactorFailure = { sessionEnded: false } | { sessionEnded: true; retryAfterSeconds: number };

/** Whether this account has used up its wrong codes for the current window (counts nothing). */
export async function secondFactorLocked(db: DbOrTx, userId: string, now: Date = clock.now()) {
  const { start, end } = windowOf(accountSecondFactorLimit, now);
  const [row] = await selectRows<{ hits: number }>(
    db,
    sql`select hits from rate_limit_counters
        where bucket = ${accountSecondFactorLimit.bucket} and key = ${userId}
          and window_start = ${start.toISOString()}::timestamptz`,
  );
  if (Number(row?.hits ?? 0) < accountSecondFactorLimit.limit) return null;
  return { retryAfterSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)) };
}

/** Counts one wrong code for the session and the account; ends the session past either limit. */
export async function recordSecondFactorFailure(
  db: DbOrTx,
  session: { id: string; userId: string },
  now: Date = clock.now(),
): Promise<SecondFactorFailure> {
  const [counted] = await db
    .update(sessions)
    .set({ twoFactorFailures: sql`${sessions.twoFactorFailures} + 1` })
    .where(and(eq(sessions.id, session.id), eq(sessions.twoFactorVerified, false)))
    .returning({ failures: sessions.twoFactorFailures });
  const account = await hitRateLimit(db, accountSecondFactorLimit, session.userId, now);
  const sessionSpent = !counted || counted.failures >= SESSION_ATTEMPTS;
  if (account.ok && !sessionSpent) return { sessionEnded: false };
  await db.delete(sessions).where(eq(sessions.id, session.id));
  return { sessionEnded: true, retryAfterSeconds: account.ok ? 0 : account.retryAfterSeconds };
}
