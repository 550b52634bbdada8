import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { verificationTokens } from "#db/schema/accounts";
import type { DbOrTx } from "~/utils/db.server";
import { constantTimeEqual, randomDigits, randomToken, sha256Hex } from "~/utils/crypto.server";
import * as clock from "~/utils/clock.server";

type Purpose = "email_verification" | "password_reset" | "invitation";

/** How long each kind of emailed secret lives. */
export const tokenLifetimeMinutes: Record<Purpose, number> = {
  email_verification: 30,
  password_reset: 30,
  invitation: 7 * 24 * 60,
};

/** Wrong codes allowed before a verification code dies (6 digits: 5 guesses in a million). */
const MAX_CODE_ATTEMPTS = 5;

/**
 * Issues a one-time secret, replacing earlier unused ones of the same purpose. Only hashes are
 * stored; the returned token (for a link) and code (typed by hand) go into the email.
 */
export async function issueToken(db: DbOrTx, userId: string, purpose: Purpose, now = clock.now()) {
  await db
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.userId, userId),
        eq(verificationTokens.purpose, purpose),
        isNull(verificationTokens.usedAt),
      ),
    );
  const token = randomToken(20);
  const code = purpose === "email_verification" ? randomDigits(6) : null;
  const expiresAt = new Date(now.getTime() + tokenLifetimeMinutes[purpose] * 60_000);
  await db.insert(verificationTokens).values({
    userId,
    purpose,
    tokenHash: sha256Hex(token),
    codeHash: code ? sha256Hex(code) : null,
    expiresAt,
  });
  return { token, code, expiresAt, lifetimeMinutes: tokenLifetimeMinutes[purpose] };
}

/** Uses a link token once: returns its user id, or null when unknown, used or expired. */
export async function consumeToken(
  db: DbOrTx,
  token: string,
  purpose: Purpose,
  now = clock.now(),
): Promise<string | null> {
  const [row] = await db
    .update(verificationTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(verificationTokens.tokenHash, sha256Hex(token)),
        eq(verificationTokens.purpose, purpose),
        isNull(verificationTokens.usedAt),
        gt(verificationTokens.expiresAt, now),
      ),
    )
    .returning({ userId: verificationTokens.userId });
  return row?.userId ?? null;
}

/** Checks a link token without using it (to show the form behind the link). */
export async function peekToken(
  db: DbOrTx,
  token: string,
  purpose: Purpose,
  now = clock.now(),
): Promise<string | null> {
  const [row] = await db
    .select({ userId: verificationTokens.userId })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.tokenHash, sha256Hex(token)),
        eq(verificationTokens.purpose, purpose),
        isNull(verificationTokens.usedAt),
        gt(verificationTokens.expiresAt, now),
      ),
    );
  return row?.userId ?? null;
}

/** Uses a typed verification code of a user once; wrong guesses are counted and end the code. */
export async function consumeCode(
  db: DbOrTx,
  userId: string,
  code: string,
  now = clock.now(),
): Promise<boolean> {
  const [row] = await db
    .select()
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.userId, userId),
        eq(verificationTokens.purpose, "email_verification"),
        isNull(verificationTokens.usedAt),
        gt(verificationTokens.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row?.codeHash || row.attempts >= MAX_CODE_ATTEMPTS) return false;
  if (!constantTimeEqual(row.codeHash, sha256Hex(code))) {
    await db
      .update(verificationTokens)
      .set({ attempts: sql`${verificationTokens.attempts} + 1` })
      .where(eq(verificationTokens.id, row.id));
    return false;
  }
  await db.update(verificationTokens).set({ usedAt: now }).where(eq(verificationTokens.id, row.id));
  return true;
}
