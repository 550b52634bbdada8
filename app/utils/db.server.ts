import path from "node:path";
import { fileURLToPath } from "node:url";
import { mkdirSync } from "node:fs";
import { type SQL, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "#db/schema/index";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";
import { countSqlStatement, sqlCountingEnabled } from "./sql-count.server";

/** The one typed database handle of the app, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: what domain functions take when they must join the caller's transaction. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Transaction;

export interface DatabaseConnection {
  db: Database;
  driver: "postgres" | "pglite";
  /** Runs the committed migrations in db/migrations. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

function findMigrationsFolder(): string {
  // Works from source (app/utils) and from the server bundle (build/server); both sit two levels deep.
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "../../db/migrations");
}

export async function connectDatabase(options: {
  databaseUrl?: string;
  pgliteDir?: string;
  maxConnections?: number;
}): Promise<DatabaseConnection> {
  const migrationsFolder = findMigrationsFolder();
  if (options.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { TimeZone: "UTC" },
      // `npm run bench` only: count each statement for the request that sent it.
      ...(sqlCountingEnabled() ? { debug: countSqlStatement } : {}),
    });
    const db = drizzle(client, { schema, casing: "snake_case" });
    return {
      db: db as unknown as Database,
      driver: "postgres",
      migrate: () => migrate(db, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const dir = options.pgliteDir ?? "./.data/pglite";
  if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const client = new PGlite(dir, { extensions: { pg_trgm, btree_gist } });
  await client.exec("SET TIME ZONE 'UTC'");
  const db = drizzle(client, { schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** The process-wide connection, configured from the environment. */
export function getConnection(): Promise<DatabaseConnection> {
  return singleton("database", () => {
    const env = getEnv();
    return connectDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  });
}

export async function getDb(): Promise<Database> {
  return (await getConnection()).db;
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Raw SQL rows, the same shape from both drivers (postgres.js returns an array, PGlite `{ rows }`).
 * Prefer the query builder; this is for the few statements it cannot express.
 */
const preparedByDb = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement built once per database handle: drizzle's prepared query (`.prepare(name)` with
 * `sql.placeholder`s), so its SQL text is not assembled again at every call (query building was
 * ~13 % of a signed-in page's server CPU) and PostgreSQL keeps its plan per connection. For the
 * statements every request runs (the session's lookup); a transaction's handle gets its own.
 */
export function prepared<T>(db: DbOrTx, name: string, build: (db: DbOrTx) => T): T {
  let byName = preparedByDb.get(db);
  if (byName === undefined) {
    byName = new Map();
    preparedByDb.set(db, byName);
  }
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(db);
    byName.set(name, statement);
  }
  return statement;
}

/** A user's text for a LIKE / ILIKE pattern, its wildcards (and the escape character) taken literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

export async function selectRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * A page of rows that each carry `count(*) over ()` as `total`: the rows without it, and the total.
 * Past the last page no row carries it, so only then is it counted apart (`countAll`).
 */
export async function withWindowTotal<Row extends { total: number }>(
  rows: Row[],
  page: number,
  countAll: () => Promise<number>,
): Promise<{ rows: Omit<Row, "total">[]; total: number }> {
  const total = rows[0]?.total ?? (page > 1 ? await countAll() : 0);
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}
