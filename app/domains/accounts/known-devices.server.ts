import { and, eq } from "drizzle-orm";
import { knownDevices } from "#db/schema/accounts";
import { randomToken, sha256Hex } from "~/utils/crypto.server";
import type { DbOrTx } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";

/**
 * Devices an account has signed in from: a long-lived random token in an HttpOnly cookie, only its
 * SHA-256 stored. While an account is throttled after many failed sign-ins, the right password from
 * one of its known devices still signs in, so guessing from elsewhere cannot lock the owner out.
 */
export const DEVICE_TOKEN_PATTERN = /^[a-z2-7]{52}$/;

export async function isKnownDevice(db: DbOrTx, userId: string, token: string | null | undefined) {
  if (!token || !DEVICE_TOKEN_PATTERN.test(token)) return false;
  const [row] = await db
    .select({ id: knownDevices.id })
    .from(knownDevices)
    .where(and(eq(knownDevices.id, sha256Hex(token)), eq(knownDevices.userId, userId)));
  return Boolean(row);
}

/**
 * After a sign-in with the right password: marks the device seen, or makes it known under a fresh token
 * (answered, for the cookie) when it carried none of this account's.
 */
export async function rememberDevice(
  db: DbOrTx,
  userId: string,
  token: string | null | undefined,
  now = clock.now(),
): Promise<string | null> {
  if (token && DEVICE_TOKEN_PATTERN.test(token)) {
    const seen = await db
      .update(knownDevices)
      .set({ lastSeenAt: now })
      .where(and(eq(knownDevices.id, sha256Hex(token)), eq(knownDevices.userId, userId)))
      .returning({ id: knownDevices.id });
    if (seen.length > 0) return null;
  }
  const fresh = randomToken(32);
  await db.insert(knownDevices).values({ id: sha256Hex(fresh), userId, createdAt: now, lastSeenAt: now });
  return fresh;
}
