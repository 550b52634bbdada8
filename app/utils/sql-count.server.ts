import { AsyncLocalStorage } from "node:async_hooks";
import { singleton } from "./singleton.server";

/**
 * `npm run bench` only (BENCH_MODE): counts the SQL statements each request sends through the
 * PostgreSQL driver (postgres.js's `debug` hook, so BEGIN/COMMIT count too). Off, it costs nothing:
 * the hook is not installed.
 */
export interface SqlCounter {
  statements: number;
}

const state = singleton("sql-count", () => ({
  enabled: false,
  storage: new AsyncLocalStorage<SqlCounter>(),
}));

/** Must run before the first database connection is made. */
export function enableSqlCounting(): void {
  state.enabled = true;
}

export function sqlCountingEnabled(): boolean {
  return state.enabled;
}

/** The driver hook: one more statement for the request this code runs for, if any. */
export function countSqlStatement(_connection: unknown, query: string): void {
  const counter = state.storage.getStore();
  if (!counter) return;
  counter.statements += 1;
  // BENCH_SQL_LOG=1: each counted statement on stderr, to see what a page runs.
  if (process.env.BENCH_SQL_LOG === "1")
    console.error(`[sql ${counter.statements}] ${query.replace(/\s+/g, " ").slice(0, 400)}`);
}

/** A fresh counter for one request. */
export function newSqlCounter(): SqlCounter {
  return { statements: 0 };
}

/** Runs `next` (the rest of a request) counting its statements into `counter`. */
export function runCountingSql(counter: SqlCounter, next: () => void): void {
  state.storage.run(counter, next);
}
