import path from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemoData } from "../db/seed";
import { getConnection } from "../app/utils/db.server";
import { EnvError, getEnv, shouldSeedDemoData } from "../app/utils/env.server";
import { startPortalJobs } from "../app/domains/jobs/portal-jobs.server";
import { createApp } from "./app";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function main() {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

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
  // off): several processes, and `npm run dispatch`, are safe together.
  const jobs = startPortalJobs(env, connection.db, { withDispatcher: env.DISPATCHER_ENABLED });

  const app = await createApp({ env, root });
  const server = app.listen(env.PORT, env.HOST, () => {
    const shownHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
    console.log(`\n社区矫正社会力量协同平台 is ready: ${env.APP_URL ?? `http://${shownHost}:${env.PORT}`}\n`);
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received, shutting down…`);
    server.close(() => {
      // Let a batch in flight record its outcome, then close. Closing PGlite flushes it to disk;
      // a killed process could lose the last writes.
      void jobs.runner
        .stop()
        .then(() => connection.close())
        .finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

await main();
