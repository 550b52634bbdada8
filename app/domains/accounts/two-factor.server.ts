import { randomBytes } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, verifyHOTP } from "@oslojs/otp";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { recoveryCodes, users } from "#db/schema/accounts";
import type { Database, DbOrTx } from "~/utils/db.server";
import { constantTimeEqual, decrypt, encrypt, sha256Hex } from "~/utils/crypto.server";
import * as clock from "~/utils/clock.server";
import { twoFactorRequired, type Role } from "./roles";

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const RECOVERY_CODE_COUNT = 10;

function newRecoveryCode(): string {
  const raw = encodeBase32UpperCaseNoPadding(randomBytes(7)).slice(0, 10).toLowerCase();
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/**
 * Starts enrolment: a fresh secret, stored encrypted and not yet active. Returns what the
 * authenticator app needs (the key as text and as an otpauth:// URI for the QR code).
 */
export async function startTwoFactorSetup(db: Database, user: { id: string; email: string }, issuer: string) {
  const key = new Uint8Array(randomBytes(20));
  const secret = encodeBase32UpperCaseNoPadding(key);
  await db
    .update(users)
    .set({ totpSecret: encrypt(secret), totpEnabledAt: null })
    .where(eq(users.id, user.id));
  return { secret, uri: createTOTPKeyURI(issuer, user.email, key, PERIOD_SECONDS, DIGITS) };
}

/** The enrolment in progress (the same secret on every reload until confirmed), or a new one. */
export async function twoFactorEnrolment(db: Database, user: { id: string; email: string }, issuer: string) {
  const [row] = await db.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, user.id));
  if (!row?.totpSecret) return startTwoFactorSetup(db, user, issuer);
  const secret = decrypt(row.totpSecret);
  return {
    secret,
    uri: createTOTPKeyURI(issuer, user.email, decodeBase32IgnorePadding(secret), PERIOD_SECONDS, DIGITS),
  };
}

/**
 * The time step (30 s counter) a code belongs to, within one step of now either way (clock drift), or
 * null. The step is what makes a code single-use (RFC 6238 §5.2): see claimTimeStep.
 */
export function matchingTimeStep(secret: string, code: string, nowMs = clock.nowMs()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = decodeBase32IgnorePadding(secret);
  const current = Math.floor(nowMs / 1000 / PERIOD_SECONDS);
  for (const step of [current, current - 1, current + 1]) {
    if (verifyHOTP(key, BigInt(step), DIGITS, code)) return step;
  }
  return null;
}

/**
 * Accepts a code's time step only if it is later than the last one this account used, in one
 * statement: a code (or an earlier one) seen once — in another session, or replayed — is refused.
 */
async function claimTimeStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length > 0;
}

/** Finishes enrolment with a first code; returns the recovery codes, shown to the user only once. */
export async function confirmTwoFactorSetup(
  db: Database,
  userId: string,
  code: string,
): Promise<string[] | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user?.totpSecret) return null;
    const step = matchingTimeStep(decrypt(user.totpSecret), code);
    if (step === null || !(await claimTimeStep(tx, userId, step))) return null;
    await tx.update(users).set({ totpEnabledAt: clock.now() }).where(eq(users.id, userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await tx
      .insert(recoveryCodes)
      .values(codes.map((recovery) => ({ userId, codeHash: sha256Hex(recovery) })));
    return codes;
  });
}

/** Checks the second factor at sign-in: a current TOTP code, or an unused recovery code (used up). */
export async function verifySecondFactor(db: Database, userId: string, code: string): Promise<boolean> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user?.totpSecret || !user.totpEnabledAt) return false;
  if (/^\d{6}$/.test(code)) {
    const step = matchingTimeStep(decrypt(user.totpSecret), code);
    return step !== null && claimTimeStep(db, userId, step);
  }
  const hash = sha256Hex(code.trim().toLowerCase());
  const unused = await db
    .select()
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  const match = unused.find((row) => constantTimeEqual(row.codeHash, hash));
  if (!match) return false;
  const [used] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.id, match.id), isNull(recoveryCodes.usedAt)))
    .returning();
  return Boolean(used);
}

/** Abandons an unfinished enrolment (only roles that may go without a second factor). */
export async function cancelTwoFactorSetup(db: Database, user: { id: string; role: Role }): Promise<boolean> {
  if (twoFactorRequired(user.role)) return false;
  await db
    .update(users)
    .set({ totpSecret: null })
    .where(and(eq(users.id, user.id), isNull(users.totpEnabledAt)));
  return true;
}

/** Staff may turn two-factor sign-in off; bureau and system admins may not. */
export async function disableTwoFactor(db: Database, user: { id: string; role: Role }): Promise<boolean> {
  if (twoFactorRequired(user.role)) return false;
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
  });
  return true;
}
