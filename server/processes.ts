import type { Env } from "../app/utils/env.server";

/**
 * How many web processes serve: one per CPU core on a PostgreSQL server (WEB_CONCURRENCY overrides),
 * always one on the embedded PGlite database, which only one process may open.
 */
export function webProcessCount(env: Pick<Env, "DATABASE_URL" | "WEB_CONCURRENCY">, cores: number): number {
  if (!env.DATABASE_URL) return 1;
  return env.WEB_CONCURRENCY ?? Math.max(1, cores);
}
