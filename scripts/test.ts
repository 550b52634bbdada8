/**
 * `npm test`: unit, integration and end-to-end tests, in that order, stopping at the first failure.
 * Integration and end-to-end tests use the PostgreSQL server in TEST_DATABASE_URL (or DATABASE_URL)
 * when one is set, and the embedded PGlite database otherwise.
 */
import { spawnSync } from "node:child_process";
import { chromiumMissingMessage, findChromium } from "../tests/e2e/chromium";
import { testServerUrl } from "../tests/fixtures/databases";

if (!findChromium()) {
  console.error(chromiumMissingMessage);
  process.exit(1);
}

const server = testServerUrl();
console.log(
  server
    ? `Tests use the PostgreSQL server at ${new URL(server).host}.`
    : "Tests use the embedded PGlite database (set TEST_DATABASE_URL to use a PostgreSQL server).",
);

const steps: [string, string[]][] = [
  ["unit and integration tests", ["vitest", "run"]],
  ["end-to-end tests (Chromium)", ["playwright", "test"]],
];

for (const [label, args] of steps) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync("npx", args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\n✗ ${label} failed.`);
    process.exit(result.status ?? 1);
  }
}
console.log("\n✓ All tests passed.");
