/**
 * `npm run dispatch`: the email dispatcher as a worker of its own, for installations that set
 * DISPATCHER_ENABLED=false on the web processes. It also assembles the weekly digests (every few
 * minutes, idempotent per user and week). Safe to run next to them and to each other.
 * On the embedded PGlite database it cannot share the folder with a running portal: use the in-process
 * dispatcher there.
 */
import { createDispatcherFromEnv, DIGEST_INTERVAL_MS } from "~/domains/notifications/dispatcher.server";
import { startOverdueCheckinSweeper } from "~/domains/volunteers/hours.server";
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
const dispatcher = createDispatcherFromEnv(env, connection.db);
dispatcher.start();
// The auto check-out rule runs with the dispatcher, for installations without it in the web process.
const checkinSweeper = startOverdueCheckinSweeper(connection.db, { log: (message) => console.warn(message) });
console.log(
  `Email dispatcher ${dispatcher.workerId} running (${env.RESEND_API_KEY ? "Resend" : "development mailbox"}; weekly digests every ${DIGEST_INTERVAL_MS / 60_000} min).`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, finishing the current batch…`);
  await Promise.all([dispatcher.stop(), checkinSweeper.stop()]);
  await connection.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
