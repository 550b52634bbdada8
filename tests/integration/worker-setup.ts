import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { getConnection } from "~/utils/db.server";
import { TEMPLATE_DATABASE, dropDatabase, recreateDatabase } from "#tests/fixtures/databases";

// Each test file gets a database of its own, so files run in parallel without seeing each other.
const serverUrl = inject("testServerUrl");
const databaseName = `portal_test_${process.env.VITEST_POOL_ID ?? "0"}_${randomBytes(4).toString("hex")}`;

if (serverUrl) {
  process.env.DATABASE_URL = await recreateDatabase(serverUrl, databaseName, TEMPLATE_DATABASE);
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = "memory://";
}
process.env.NODE_ENV = "test";
// Requests in integration tests are made on http://portal.test (tests/fixtures/requests.ts).
process.env.ALLOWED_HOSTS = "portal.test,localhost,127.0.0.1";

const connection = await getConnection();
if (connection.driver === "pglite") await connection.migrate();

afterAll(async () => {
  await connection.close();
  if (serverUrl) await dropDatabase(serverUrl, databaseName);
});
