/**
 * `npm run dispatch`: the email dispatcher as a worker of its own, for installations that set
 * DISPATCHER_ENABLED=false on the web processes. Safe to run next to them and to each other.
 * On the embedded PGlite database it cannot share the folder with a running portal: use the in-process
 * dispatcher there.
 */
import { createDispatcherFromEnv } from "~/domains/notifications/dispatcher.server";
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
console.log(
  `Email dispatcher ${dispatcher.workerId} running (${env.RESEND_API_KEY ? "Resend" : "development mailbox"}).`,
);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} received, finishing the current batch…`);
  await dispatcher.stop();
  await connection.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
