/**
 * When the weekly digest goes out: Mondays at 08:00 in Asia/Shanghai, kept and compared as UTC
 * instants. Pure: the caller passes the clock.
 *
 * China has had no daylight saving time since 1991, so Shanghai is always UTC+8 and a fixed offset is
 * exact (Monday 08:00 there is Monday 00:00 UTC); no time-zone database is needed.
 */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
const WEEK_MS = 7 * DAY_MS;
/** Day of the week as Date#getUTCDay counts it: 1 is Monday. */
const DIGEST_WEEKDAY = 1;
const DIGEST_HOUR = 8;

/** The latest digest time at or before `now`: the week whose digest is due once `now` has come. */
export function digestTimeAtOrBefore(now: Date): Date {
  // Shanghai wall-clock time, written in a Date's UTC fields.
  const local = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const daysSinceDigestDay = (local.getUTCDay() - DIGEST_WEEKDAY + 7) % 7;
  const candidate = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth(),
    local.getUTCDate() - daysSinceDigestDay,
    DIGEST_HOUR,
  );
  const localDigest = candidate > local.getTime() ? candidate - WEEK_MS : candidate;
  return new Date(localDigest - SHANGHAI_OFFSET_MS);
}

/** The first digest time strictly after `after`. */
export function nextDigestTime(after: Date): Date {
  return new Date(digestTimeAtOrBefore(after).getTime() + WEEK_MS);
}

/** Names a digest week by the Shanghai date of its digest time, e.g. "2026-11-23" (for keys and mail). */
export function digestWeekLabel(digestTime: Date): string {
  return new Date(digestTime.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
