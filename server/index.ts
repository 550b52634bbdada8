import cluster from "node:cluster";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemoData } from "../db/seed";
import { getConnection } from "../app/utils/db.server";
import { type Env, EnvError, getEnv, shouldSeedDemoData } from "../app/utils/env.server";
import { startPortalJobs } from "../app/domains/jobs/portal-jobs.server";
import { createApp } from "./app";
import { webProcessCount } from "./processes";
import { enableSqlCounting } from "../app/utils/sql-count.server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function readEnv(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/** Serves HTTP in this process (the only process, or one cluster worker). */
async function serve(env: Env, announce: boolean) {
  const app = await createApp({ env, root });
  return app.listen(env.PORT, env.HOST, () => {
    if (!announce) return;
    const shownHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
    console.log(`\n社区矫正社会力量协同平台 is ready: ${env.APP_URL ?? `http://${shownHost}:${env.PORT}`}\n`);
  });
}

function onSignals(shutdown: (signal: string) => void) {
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/** A cluster worker: HTTP only. Migrations, seeding and background jobs belong to the primary. */
async function worker(env: Env) {
  const server = await serve(env, false);
  let closing = false;
  onSignals(() => {
    if (closing) return;
    closing = true;
    server.close(() => {
      void getConnection()
        .then((connection) => connection.close())
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 4000).unref();
  });
}

async function primary(env: Env) {
  const connection = await getConnection();
  const where =
    connection.driver === "pglite" ? `embedded database in ${env.PGLITE_DIR}` : "PostgreSQL server";
  console.log(`Database: ${where}`);
  await connection.migrate();
  if (shouldSeedDemoData(env)) {
    const report = await seedDemoData(connection.db, (step) => console.log(`  seeding ${step}…`));
    if (report.seeded) console.log("Demo data seeded.");
  }

  // The job registry (digests, auto check-out, pruning; email delivery unless DISPATCHER_ENABLED is
  // off) runs in exactly one process of this server: this one. Other servers, and `npm run dispatch`,
  // are safe beside it (ADR 006: runs are claimed in job_runs, outbox rows with SKIP LOCKED).
  // JOBS_ENABLED=false (the bench) serves pages only: another process runs the jobs, or none does.
  const jobs = env.JOBS_ENABLED
    ? startPortalJobs(env, connection.db, { withDispatcher: env.DISPATCHER_ENABLED })
    : null;

  const count = webProcessCount(env, os.availableParallelism());
  let closing = false;
  let stopServing: (done: () => void) => void;
  if (count === 1) {
    const server = await serve(env, true);
    stopServing = (done) => server.close(() => done());
  } else {
    console.log(`Starting ${count} web worker processes (WEB_CONCURRENCY to change).`);
    // Workers run this file, not the command that started the primary (scripts/start.ts builds,
    // the end-to-end harness creates its database: neither may run again per worker).
    cluster.setupPrimary({ exec: fileURLToPath(import.meta.url), execArgv: process.execArgv });
    let listening = 0;
    cluster.on("listening", () => {
      listening += 1;
      if (listening !== count) return;
      const shownHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
      console.log(
        `\n社区矫正社会力量协同平台 is ready: ${env.APP_URL ?? `http://${shownHost}:${env.PORT}`}\n`,
      );
    });
    cluster.on("exit", (dead, code, signal) => {
      if (closing) return;
      console.error(`Web worker ${dead.process.pid} stopped (${signal ?? code}); starting another.`);
      cluster.fork();
    });
    for (let index = 0; index < count; index += 1) cluster.fork();
    stopServing = (done) => {
      const workers = Object.values(cluster.workers ?? {}).filter((each) => each !== undefined);
      let left = workers.length;
      if (left === 0) return done();
      for (const each of workers) {
        each.once("exit", () => {
          left -= 1;
          if (left === 0) done();
        });
        each.process.kill("SIGTERM");
      }
    };
  }

  onSignals((signal) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down…`);
    stopServing(() => {
      // Let a batch in flight record its outcome, then close. Closing PGlite flushes it to disk;
      // a killed process could lose the last writes.
      void (jobs ? jobs.runner.stop() : Promise.resolve())
        .then(() => connection.close())
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  });
}

const env = readEnv();
// Before any connection is made (the driver hook is installed at connect time).
if (env.BENCH_MODE) enableSqlCounting();
if (cluster.isPrimary) await primary(env);
else await worker(env);
