/**
 * System-recorded service hours: the rotating check-in code an activity's organizer shows on screen,
 * and the auto check-out rule. Pure apart from `node:crypto`; no I/O, no clock of its own (every
 * function takes `now`).
 *
 * The code is TOTP (RFC 6238) with HMAC-SHA256 and 6 digits: the counter is the number of whole
 * `stepSeconds` windows since the Unix epoch, the HMAC key the activity's 32-byte random secret, and
 * the 6 digits come from RFC 4226's dynamic truncation. It rotates every 30 s by default; a code is
 * accepted during its own step and the one after it (typing time, a slow network), so a volunteer has
 * between one and two steps to enter it. `verifyCheckinCode` says which step matched: the caller
 * stores it with the check-in and refuses the same step twice for the same volunteer (replay).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CHECKIN_CODE_DIGITS = 6;
export const DEFAULT_CHECKIN_STEP_SECONDS = 30;
/** How many earlier steps a code is still accepted for, by default. */
export const DEFAULT_CHECKIN_WINDOW = 1;
/** The longest step allowed: one hour. */
export const MAX_CHECKIN_STEP_SECONDS = 3600;
/** The largest window allowed: a code never lives longer than this many extra steps. */
export const MAX_CHECKIN_WINDOW = 10;

const SECRET_BYTES = 32;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MODULUS = 10 ** CHECKIN_CODE_DIGITS;

export type Instant = Date | number;

/** A new per-activity secret: 32 random bytes as base64url (43 characters, no padding). */
export function newCheckinSecret(): string {
  return randomBytes(SECRET_BYTES).toString("base64url");
}

export function isCheckinSecret(value: unknown): value is string {
  return typeof value === "string" && SECRET_PATTERN.test(value);
}

function secretKey(secret: string): Buffer {
  if (!isCheckinSecret(secret)) throw new TypeError("A check-in secret is 32 bytes as base64url");
  return Buffer.from(secret, "base64url");
}

function epochMilliseconds(now: Instant): number {
  const ms = typeof now === "number" ? now : now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Invalid time");
  return ms;
}

function assertStepSeconds(stepSeconds: number): void {
  if (!Number.isInteger(stepSeconds) || stepSeconds < 1 || stepSeconds > MAX_CHECKIN_STEP_SECONDS) {
    throw new RangeError(`stepSeconds must be a whole number from 1 to ${MAX_CHECKIN_STEP_SECONDS}`);
  }
}

/** The time step (TOTP counter) `now` falls in. */
export function checkinStep(now: Instant, stepSeconds: number = DEFAULT_CHECKIN_STEP_SECONDS): number {
  assertStepSeconds(stepSeconds);
  return Math.floor(epochMilliseconds(now) / 1000 / stepSeconds);
}

/** The code of one time step: HMAC-SHA256 of the 8-byte big-endian step, dynamically truncated. */
export function checkinCodeForStep(secret: string, step: number): string {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError("A step is a non-negative integer");
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac("sha256", secretKey(secret)).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % MODULUS).padStart(CHECKIN_CODE_DIGITS, "0");
}

/** The code to show on the organizer's screen at `now`. */
export function currentCheckinCode(
  secret: string,
  now: Instant = new Date(),
  stepSeconds: number = DEFAULT_CHECKIN_STEP_SECONDS,
): string {
  return checkinCodeForStep(secret, checkinStep(now, stepSeconds));
}

/** Whole seconds until the code shown at `now` changes: from 1 to `stepSeconds`. */
export function secondsUntilRotation(
  now: Instant,
  stepSeconds: number = DEFAULT_CHECKIN_STEP_SECONDS,
): number {
  assertStepSeconds(stepSeconds);
  const stepMs = stepSeconds * 1000;
  const ms = epochMilliseconds(now);
  const elapsed = ((ms % stepMs) + stepMs) % stepMs;
  return Math.ceil((stepMs - elapsed) / 1000);
}

/**
 * What a volunteer typed, reduced to its digits' canonical form: full-width digits folded (NFKC),
 * spaces (also the ideographic space) and hyphens removed. Not checked for length or content.
 */
export function normalizeCheckinCode(input: string): string {
  return input.normalize("NFKC").replace(/[\s-]+/gu, "");
}

export interface VerifyCheckinOptions {
  stepSeconds?: number;
  /** How many steps before the current one are still accepted (default 1: the previous step). */
  window?: number;
}

export type CheckinVerification =
  | {
      ok: true;
      /** The step whose code matched; store it to refuse a second check-in with the same step. */
      step: number;
      /** 0 for the current step, -1 for the previous one, … */
      offset: number;
    }
  | { ok: false; reason: "malformed" | "mismatch" };

/**
 * Checks a typed code against the current step and the `window` steps before it. The comparison
 * takes the same time whichever step (if any) matches.
 */
export function verifyCheckinCode(
  secret: string,
  code: unknown,
  now: Instant,
  options: VerifyCheckinOptions = {},
): CheckinVerification {
  const stepSeconds = options.stepSeconds ?? DEFAULT_CHECKIN_STEP_SECONDS;
  const window = options.window ?? DEFAULT_CHECKIN_WINDOW;
  if (!Number.isInteger(window) || window < 0 || window > MAX_CHECKIN_WINDOW) {
    throw new RangeError(`window must be a whole number from 0 to ${MAX_CHECKIN_WINDOW}`);
  }
  const current = checkinStep(now, stepSeconds);
  secretKey(secret); // a bad secret is the caller's bug, never a "wrong code"
  if (typeof code !== "string" || code.length > 64) return { ok: false, reason: "malformed" };
  const typed = normalizeCheckinCode(code);
  if (!/^[0-9]{6}$/.test(typed)) return { ok: false, reason: "malformed" };
  const typedBytes = Buffer.from(typed, "ascii");
  let matched: number | null = null;
  // Every candidate is computed and compared; the newest match wins (only one can, in practice).
  for (let offset = -window; offset <= 0; offset++) {
    const step = current + offset;
    if (step < 0) continue;
    const expected = Buffer.from(checkinCodeForStep(secret, step), "ascii");
    if (timingSafeEqual(expected, typedBytes)) matched = offset;
  }
  if (matched === null) return { ok: false, reason: "mismatch" };
  return { ok: true, step: current + matched, offset: matched };
}

// -----------------------------------------------------------------------------------------------
// Auto check-out

export const DEFAULT_CHECKOUT_GRACE_MINUTES = 30;

export type AutoCheckoutReason =
  /** Checked out by the volunteer: the minutes count, nothing to look at. */
  | "checkedOut"
  /** Still checked in and the grace period is not over: nothing to record yet. */
  | "open"
  /** Not checked out by the activity's end plus grace: checked out at the end, for staff to review. */
  | "autoCheckout"
  /** Checked in and out entirely before or after the activity: no minutes, for staff to review. */
  | "outsideActivity"
  /** A check-out earlier than the check-in (a clock or data error): no minutes, for staff to review. */
  | "checkOutBeforeCheckIn";

export interface AutoCheckoutResult {
  /** The check-out to record; null while the record is still open. */
  checkOutAt: Date | null;
  /** Whole minutes of presence within the activity's [start, end]; 0 while open. Never negative. */
  minutes: number;
  /** True when staff should review the record before approving it. */
  flagged: boolean;
  reason: AutoCheckoutReason;
}

function validDate(value: Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Number.NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid date`);
  return ms;
}

/** Whole minutes of [from, to] that fall within [start, end]. */
function minutesWithin(from: number, to: number, start: number, end: number): number {
  const overlap = Math.min(to, end) - Math.max(from, start);
  return overlap > 0 ? Math.floor(overlap / 60_000) : 0;
}

/**
 * The minutes a check-in earns, and whether it must be closed automatically: a volunteer who has
 * not checked out by the activity's end plus `graceMinutes` is checked out at the end, and the record
 * is flagged. Presence counts only within the activity's [start, end], in whole minutes.
 */
export function autoCheckout(
  checkInAt: Date,
  checkOutAt: Date | null,
  activityStart: Date,
  activityEnd: Date,
  now: Date,
  graceMinutes: number = DEFAULT_CHECKOUT_GRACE_MINUTES,
): AutoCheckoutResult {
  const checkIn = validDate(checkInAt, "checkInAt");
  const start = validDate(activityStart, "activityStart");
  const end = validDate(activityEnd, "activityEnd");
  const nowMs = validDate(now, "now");
  if (end < start) throw new RangeError("activityEnd is before activityStart");
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0) {
    throw new RangeError("graceMinutes must be a non-negative number");
  }

  if (checkOutAt !== null) {
    const checkOut = validDate(checkOutAt, "checkOutAt");
    if (checkOut < checkIn) {
      return { checkOutAt: new Date(checkOut), minutes: 0, flagged: true, reason: "checkOutBeforeCheckIn" };
    }
    const minutes = minutesWithin(checkIn, checkOut, start, end);
    const outside = checkOut <= start || checkIn >= end;
    return outside
      ? { checkOutAt: new Date(checkOut), minutes: 0, flagged: true, reason: "outsideActivity" }
      : { checkOutAt: new Date(checkOut), minutes, flagged: false, reason: "checkedOut" };
  }

  const deadline = end + graceMinutes * 60_000;
  if (nowMs < deadline) return { checkOutAt: null, minutes: 0, flagged: false, reason: "open" };
  // Checked out at the end; one who checked in after the end is checked out at the check-in, never before.
  const closedAt = Math.max(end, checkIn);
  return {
    checkOutAt: new Date(closedAt),
    minutes: minutesWithin(checkIn, closedAt, start, end),
    flagged: true,
    reason: "autoCheckout",
  };
}
