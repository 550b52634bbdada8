/** Pure retry rules of the email dispatcher. */

export interface BackoffOptions {
  /** Delay before the second try. */
  baseMs?: number;
  /** No single wait is longer than this (Retry-After aside). */
  maxMs?: number;
  /** Injected in tests; Math.random otherwise. */
  random?: () => number;
}

export const DEFAULT_BACKOFF = { baseMs: 5_000, maxMs: 60 * 60_000 } as const;
/** Never wait longer than a day, whatever a provider's Retry-After says. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60_000;

/**
 * Exponential backoff with "equal jitter": the delay doubles per failed attempt, and a random half of it
 * spreads out many dispatchers that failed at the same moment (a provider outage) so they do not retry
 * in lockstep. `attempt` is the number of tries made so far (≥ 1).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? DEFAULT_BACKOFF.baseMs;
  const maxMs = options.maxMs ?? DEFAULT_BACKOFF.maxMs;
  const random = options.random ?? Math.random;
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2 ** 1024 is Infinity; Math.min keeps it finite.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(exponent, 60));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, MAX_RETRY_AFTER_MS);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - now.getTime()), MAX_RETRY_AFTER_MS);
}

/** The wait before the next try: the backoff, but never earlier than the provider asked. */
export function retryDelay(
  attempt: number,
  retryAfterMs: number | null,
  options: BackoffOptions = {},
): number {
  return Math.max(backoffDelay(attempt, options), retryAfterMs ?? 0);
}

export type FailureKind = "transient" | "permanent";

/**
 * Which provider answers are worth retrying. No status means the request never got an answer
 * (network error, timeout). 409 is Resend's "same idempotency key still in flight".
 */
export function classifyFailure(status: number | null): FailureKind {
  if (status === null) return "transient";
  if (status === 408 || status === 409 || status === 429 || status >= 500) return "transient";
  return "permanent";
}
