import { isJusticeRole, type Role } from "./roles";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SessionPolicy {
  /** Inactivity after which the session ends. */
  idleMs: number;
  /** Lifetime after which it ends whatever the activity. */
  absoluteMs: number;
}

/** Staff handle identifying data: 30 min idle, 12 h absolute. Others: 7 days idle, 30 days absolute. */
export function sessionPolicy(role: Role): SessionPolicy {
  return isJusticeRole(role)
    ? { idleMs: 30 * MINUTE, absoluteMs: 12 * HOUR }
    : { idleMs: 7 * DAY, absoluteMs: 30 * DAY };
}

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

export function newSessionTimes(role: Role, now: Date): SessionTimes {
  const policy = sessionPolicy(role);
  const absoluteExpiresAt = new Date(now.getTime() + policy.absoluteMs);
  return {
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(Math.min(now.getTime() + policy.idleMs, absoluteExpiresAt.getTime())),
    absoluteExpiresAt,
  };
}

export type SessionCheck =
  { valid: false } | { valid: true; renew: { lastSeenAt: Date; expiresAt: Date } | null };

/**
 * Is the session still alive at `now`, and should its sliding expiry move? Renewal is written at
 * most once a minute, so a busy page does not write on every request.
 */
export function checkSession(times: SessionTimes, role: Role, now: Date): SessionCheck {
  if (now >= times.expiresAt || now >= times.absoluteExpiresAt) return { valid: false };
  if (now.getTime() - times.lastSeenAt.getTime() < MINUTE) return { valid: true, renew: null };
  const policy = sessionPolicy(role);
  return {
    valid: true,
    renew: {
      lastSeenAt: now,
      expiresAt: new Date(Math.min(now.getTime() + policy.idleMs, times.absoluteExpiresAt.getTime())),
    },
  };
}
