import { truncateAllTables } from "#db/seed";
import { getConnection } from "~/utils/db.server";

/** The test file's own database (see worker-setup.ts). */
export async function testConnection() {
  return getConnection();
}

/** Empties every table; call in beforeEach where tests must not see each other's rows. */
export async function resetDatabase() {
  const { db } = await getConnection();
  await truncateAllTables(db);
}
