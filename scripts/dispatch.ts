/**
 * `npm run dispatch`: the portal's background work in a worker of its own — email delivery plus every
 * job of the registry (weekly digests, auto check-out, pruning) — for installations that set
 * DISPATCHER_ENABLED=false on the web processes. The same wiring as the web process
 * (`startPortalJobs`), so it is safe next to them and to other workers: guarded jobs run once.
 * On the embedded PGlite database it cannot share the folder with a running portal: use the in-process
 * dispatcher there.
 */
import { startPortalJobs } from "~/domains/jobs/portal-jobs.server";
import { getConnection } from "~/utils/db.server";
import { EnvError, getEnv } from "~/utils/env.server";

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
await connection.migrate();
const { runner } = startPortalJobs(env, connection.db, { withDispatcher: true });
console.log(
  `Background worker ${runner.workerId} running (${env.RESEND_API_KEY ? "Resend" : "development mailbox"}).`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, finishing the current batch…`);
  await runner.stop();
  await connection.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
