import type { TestProject } from "vitest/node";
import { connectDatabase } from "~/utils/db.server";
import { TEMPLATE_DATABASE, recreateDatabase, testServerUrl } from "#tests/fixtures/databases";

declare module "vitest" {
  export interface ProvidedContext {
    /** Server URL when tests run against PostgreSQL; empty when they run on PGlite. */
    testServerUrl: string;
  }
}

/** Migrates a template database once; every test file then gets its own clone of it. */
export default async function setup(project: TestProject) {
  const serverUrl = testServerUrl();
  project.provide("testServerUrl", serverUrl ?? "");
  if (!serverUrl) {
    console.log("Integration tests: no TEST_DATABASE_URL/DATABASE_URL, using embedded PGlite.");
    return;
  }
  console.log(`Integration tests: PostgreSQL at ${new URL(serverUrl).host}.`);
  const templateUrl = await recreateDatabase(serverUrl, TEMPLATE_DATABASE);
  const connection = await connectDatabase({ databaseUrl: templateUrl, maxConnections: 1 });
  await connection.migrate();
  await connection.close();
}
