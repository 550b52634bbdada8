/**
 * The server Playwright tests run against: the production build on a database of its own —
 * a fresh `portal_e2e` database on the test PostgreSQL server, or a fresh PGlite folder — with the
 * demo data seeded, exactly as a first-time user would see it.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfStale } from "../../scripts/build-if-stale";
import { recreateDatabase, testServerUrl } from "../fixtures/databases";

const serverUrl = testServerUrl();
if (serverUrl) {
  // One database per port, so two suites on different ports can run side by side.
  process.env.DATABASE_URL = await recreateDatabase(serverUrl, `portal_e2e_${process.env.PORT ?? "3100"}`);
  // A production server on PostgreSQL must be given its encryption keys (TOTP secrets at rest).
  process.env.ENCRYPTION_KEYS ??= `e2e:${randomBytes(32).toString("base64")}`;
} else {
  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = mkdtempSync(path.join(os.tmpdir(), "portal-e2e-"));
}
process.env.NODE_ENV = "production";
// In production on a server APP_URL is required: the one origin the portal answers for.
process.env.APP_URL ??= `http://localhost:${process.env.PORT ?? "3100"}`;
process.env.SEED_DEMO_DATA = "true";
// Journeys move the portal's clock per browser context instead of waiting (server/test-clock.ts).
process.env.E2E_CLOCK_CONTROL = "1";
// Second-factor codes of this run take fresh time steps numbered from here (accounts-helpers.ts).
rmSync(path.join(os.tmpdir(), `portal-e2e-${process.env.PORT ?? "3100"}-totp-steps`), { force: true });
// One process: journeys that edit a per-process cache (the working-day calendar) and read it back
// must meet the same process. Several workers are covered by the bench and the two-instance test.
process.env.WEB_CONCURRENCY ??= "1";
buildIfStale();
await import("../../server/index");
