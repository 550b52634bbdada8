import { sql } from "drizzle-orm";
import { type DbOrTx, selectRows } from "~/utils/db.server";
import * as clock from "~/utils/clock.server";
import { type LimitCheck, MAIL_COOLDOWN_MS, type RateLimit, windowOf } from "./request-limits";

const at = (instant: Date) => sql`${instant.toISOString()}::timestamptz`;

/** Counts one hit of `key` and answers whether it is within the limit (the hit counts either way). */
export async function hitRateLimit(
  db: DbOrTx,
  limit: RateLimit,
  key: string,
  now: Date = clock.now(),
): Promise<LimitCheck> {
  const { start, end } = windowOf(limit, now);
  const [row] = await selectRows<{ hits: number }>(
    db,
    sql`
      insert into rate_limit_counters (bucket, key, window_start, window_end, hits)
      values (${limit.bucket}, ${key}, ${at(start)}, ${at(end)}, 1)
      on conflict (bucket, key, window_start) do update set hits = rate_limit_counters.hits + 1
      returning hits`,
  );
  if (Number(row?.hits ?? 0) <= limit.limit) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000)) };
}

/**
 * Counts a hit on each `[limit, key]` pair (every pair, so a blocked address still counts towards the
 * email) and answers the longest wait among those exceeded.
 */
export async function hitRateLimits(
  db: DbOrTx,
  checks: readonly (readonly [RateLimit, string])[],
  now: Date = clock.now(),
): Promise<LimitCheck> {
  let retryAfterSeconds = 0;
  for (const [limit, key] of checks) {
    const result = await hitRateLimit(db, limit, key, now);
    if (!result.ok) retryAfterSeconds = Math.max(retryAfterSeconds, result.retryAfterSeconds);
  }
  return retryAfterSeconds > 0 ? { ok: false, retryAfterSeconds } : { ok: true };
}

/**
 * Whether a mail of `kind` to `email` may be queued now; if so, starts its cooldown. One row per kind
 * and address (window_start fixed at the epoch, window_end = when the cooldown ends): the upsert
 * matches only when there is no row or its cooldown has passed, in one statement, so two requests at
 * once queue one mail.
 */
export async function takeMailCooldown(
  db: DbOrTx,
  kind: string,
  email: string,
  now: Date = clock.now(),
  cooldownMs = MAIL_COOLDOWN_MS,
): Promise<boolean> {
  const until = new Date(now.getTime() + cooldownMs);
  const rows = await selectRows<{ hits: number }>(
    db,
    sql`
      insert into rate_limit_counters (bucket, key, window_start, window_end, hits)
      values (${`mail-cooldown:${kind}`}, ${email.toLowerCase()}, 'epoch'::timestamptz, ${at(until)}, 1)
      on conflict (bucket, key, window_start) do update
        set window_end = excluded.window_end, hits = rate_limit_counters.hits + 1
        where rate_limit_counters.window_end <= ${at(now)}
      returning hits`,
  );
  return rows.length > 0;
}

/** Forgets counters whose window (or cooldown) has ended; answers how many. */
export async function pruneRateLimitCounters(db: DbOrTx, now: Date): Promise<number> {
  const rows = await selectRows<{ bucket: string }>(
    db,
    sql`delete from rate_limit_counters where window_end <= ${at(now)} returning bucket`,
  );
  return rows.length;
}
