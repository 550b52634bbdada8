/**
 * Limits on the public forms (ADR 006): fixed-window counters in `rate_limit_counters`, one upsert
 * per hit, so every app instance counts into the same row. A limit names a bucket, how many hits a
 * window allows and the window's length. Keys are the client address or the normalized email; an
 * email is counted whether or not it has an account, so a limit never tells accounts apart.
 */
export interface RateLimit {
  bucket: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

/** The limits of every public POST, per address (`…:ip`) and per email (`…:email`). */
export const publicPostLimits = {
  registerIp: { bucket: "register:ip", limit: 10, windowMs: 60 * MINUTE },
  registerEmail: { bucket: "register:email", limit: 5, windowMs: 60 * MINUTE },
  loginIp: { bucket: "login:ip", limit: 60, windowMs: 10 * MINUTE },
  resetIp: { bucket: "password-reset:ip", limit: 30, windowMs: 60 * MINUTE },
  resetEmail: { bucket: "password-reset:email", limit: 10, windowMs: 60 * MINUTE },
  verifyEmailIp: { bucket: "verify-email:ip", limit: 30, windowMs: 10 * MINUTE },
  verifyEmailEmail: { bucket: "verify-email:email", limit: 10, windowMs: 60 * MINUTE },
  certificateIp: { bucket: "certificate-verify:ip", limit: 30, windowMs: MINUTE },
  objectionIp: { bucket: "award-objection:ip", limit: 5, windowMs: 60 * MINUTE },
} as const satisfies Record<string, RateLimit>;

/** A mail of the same kind to the same address is not queued again within this time. */
export const MAIL_COOLDOWN_MS = MINUTE;

export type LimitCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Pure: the fixed window of `now` for a limit. */
export function windowOf(limit: Pick<RateLimit, "windowMs">, now: Date): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  return { start: new Date(start), end: new Date(start + limit.windowMs) };
}
