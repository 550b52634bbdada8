import type { BrowserContext } from "@playwright/test";
import { expect } from "@playwright/test";
import { baseURL } from "./accounts-helpers";

/**
 * Runs the portal's clock for these browser contexts at `serverTime` (epoch ms) from now on: the e2e
 * server's test-only clock control (server/test-clock.ts) keeps the offset in a cookie of each context,
 * so other journeys running in parallel keep the real time. Answers the offset.
 */
export async function setServerClock(
  contexts: readonly BrowserContext[],
  serverTime: number,
): Promise<number> {
  const offsetMs = Math.round(serverTime - Date.now());
  for (const context of contexts) {
    const response = await context.request.post(`/__test/clock?offsetMs=${offsetMs}`, {
      headers: { Origin: baseURL },
    });
    expect(response.status(), "the e2e server's clock control (E2E_CLOCK_CONTROL)").toBe(200);
  }
  return offsetMs;
}

/**
 * Runs one job of the portal's registry now, at the portal clock of `context` (background jobs keep
 * the real clock): e.g. `finalize-awards` after the clock moved past a public notice. Answers its summary.
 */
export async function runServerJob(context: BrowserContext, name: string): Promise<string | null> {
  const response = await context.request.post(`/__test/job?name=${encodeURIComponent(name)}`, {
    headers: { Origin: baseURL },
  });
  expect(response.status(), `the e2e server's job control for ${name}`).toBe(200);
  return ((await response.json()) as { summary: string | null }).summary;
}
