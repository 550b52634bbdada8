import { existsSync } from "node:fs";

/** The system Chromium Playwright drives (`npx playwright install` cannot download browsers here). */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

export const chromiumMissingMessage = `No Chromium found for the end-to-end tests.
Install the system browser, then run the tests again:
  Debian/Ubuntu:  sudo apt-get install -y chromium
or point CHROMIUM_PATH at a Chromium or Chrome binary.`;

/** Flags for a root user on a closed network (see docs/decisions/001-stack.md). */
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
