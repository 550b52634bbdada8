import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { nowMs } from "~/utils/clock.server";
import { EnvError, parseEnv } from "~/utils/env.server";
import { TEST_CLOCK_PATH, testClock } from "../../server/test-clock";

const HOUR = 60 * 60_000;
const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** An Express app with the middleware and one route that answers the clock a request sees. */
async function serve(enabled: boolean): Promise<string> {
  const app = express();
  app.use(testClock(enabled));
  app.get("/time", (_req, res) => {
    // Read after an await, as route code does: the offset must follow the request's async work.
    void Promise.resolve().then(() => res.json({ now: nowMs() }));
  });
  app.use((_req, res) => res.status(404).send("not found"));
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function serverNow(base: string, cookie?: string): Promise<number> {
  const response = await fetch(`${base}/time`, { headers: cookie ? { Cookie: cookie } : {} });
  return ((await response.json()) as { now: number }).now;
}

describe("the end-to-end clock control", () => {
  it("when enabled, runs the clock of a browser context ahead by the offset it set, and only its own", async () => {
    const base = await serve(true);
    const set = await fetch(`${base}${TEST_CLOCK_PATH}?offsetMs=${2 * HOUR}`, { method: "POST" });
    expect(set.status).toBe(200);
    const cookie = set.headers.get("set-cookie")!.split(";")[0]!;
    expect(cookie).toBe(`e2e-clock-offset=${2 * HOUR}`);
    expect((await serverNow(base, cookie)) - Date.now()).toBeGreaterThan(2 * HOUR - 5_000);
    // Another context (no cookie) and the process itself keep the real clock.
    expect(Math.abs((await serverNow(base)) - Date.now())).toBeLessThan(5_000);
    expect(Math.abs(nowMs() - Date.now())).toBeLessThan(5_000);
    const bad = await fetch(`${base}${TEST_CLOCK_PATH}?offsetMs=soon`, { method: "POST" });
    expect(bad.status).toBe(400);
  });

  it("is refused when not enabled: no endpoint, and the cookie changes nothing", async () => {
    const base = await serve(false);
    const set = await fetch(`${base}${TEST_CLOCK_PATH}?offsetMs=${2 * HOUR}`, { method: "POST" });
    expect(set.status).toBe(404);
    expect(set.headers.get("set-cookie")).toBeNull();
    expect((await fetch(`${base}${TEST_CLOCK_PATH}`)).status).toBe(404);
    expect(Math.abs((await serverNow(base, `e2e-clock-offset=${2 * HOUR}`)) - Date.now())).toBeLessThan(
      5_000,
    );
  });

  it("is off by default and cannot be turned on for a public https origin", () => {
    expect(parseEnv({}).E2E_CLOCK_CONTROL).toBe(false);
    expect(parseEnv({ E2E_CLOCK_CONTROL: "1", APP_URL: "http://localhost:3100" }).E2E_CLOCK_CONTROL).toBe(
      true,
    );
    expect(() => parseEnv({ E2E_CLOCK_CONTROL: "1", APP_URL: "https://portal.example.gov.cn" })).toThrow(
      EnvError,
    );
  });
});
