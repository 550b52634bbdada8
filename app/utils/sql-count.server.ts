import { singleton } from "./singleton.server";

/**
 * `npm run bench` only (BENCH_MODE): counts the SQL statements a request sends through the PostgreSQL
 * driver (postgres.js's `debug` hook, so BEGIN/COMMIT count too). Off, it costs nothing: the hook is
 * not installed.
 *
 * The count is the driver's running total before and after the request. The bench asks for it
 * (`X-Bench-Count-Sql: 1`) only on requests it sends one at a time, with no job running, so no other
 * request's statements fall inside the window. An AsyncLocalStorage per request would attribute
 * statements under load too, but it turns on Node's async hooks for the whole process: every promise
 * of every request then pays a hook, and the bench would measure a slower server than production runs.
 */
const state = singleton("sql-count", () => ({ enabled: false, statements: 0 }));

/** Must run before the first database connection is made. */
export function enableSqlCounting(): void {
  state.enabled = true;
}

export function sqlCountingEnabled(): boolean {
  return state.enabled;
}

/** The driver hook: one more statement. */
export function countSqlStatement(_connection: unknown, query: string): void {
  state.statements += 1;
  // BENCH_SQL_LOG=1: each statement on stderr, to see what a page runs.
  if (process.env.BENCH_SQL_LOG === "1")
    console.error(`[sql ${state.statements}] ${query.replace(/\s+/g, " ").slice(0, 400)}`);
}

/** The statements sent through the driver since the process started. */
export function sqlStatementsSoFar(): number {
  return state.statements;
}
