import type { RequestHandler } from "express";
import { nowMs, withClockOffset } from "../app/utils/clock.server";

/**
 * End-to-end tests only (ADR 006): lets a browser context run the portal's clock ahead, so a journey
 * moves time instead of waiting for it. Each context carries its own offset in a cookie, so parallel
 * journeys never move each other's time; background jobs keep the real clock.
 *
 * Mounted only when E2E_CLOCK_CONTROL is on (tests/e2e/start-server.ts sets it; never set it on a
 * real installation). Otherwise this is a no-op: the cookie is ignored and `/__test/clock` and
 * `/__test/job` do not exist (the portal answers 404 as for any unknown page).
 */
export const TEST_CLOCK_PATH = "/__test/clock";
/** POST `?name=finalize-awards`: runs one job of the registry now, at this context's clock. */
export const TEST_JOB_PATH = "/__test/job";
const COOKIE = "e2e-clock-offset";
const MAX_OFFSET_MS = 400 * 24 * 60 * 60_000;

function offsetFromCookie(header: string | undefined): number {
  for (const part of (header ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === COOKIE && value && /^-?\d{1,13}$/.test(value)) {
      const offset = Number(value);
      if (Math.abs(offset) <= MAX_OFFSET_MS) return offset;
    }
  }
  return 0;
}

export function testClock(enabled: boolean): RequestHandler {
  if (!enabled) return (_req, _res, next) => next();
  return (req, res, next) => {
    const offset = offsetFromCookie(req.get("cookie"));
    if (req.path === TEST_CLOCK_PATH) {
      // POST ?offsetMs=… sets this context's offset; GET tells the clock this context sees.
      if (req.method === "POST") {
        const raw = String(req.query.offsetMs ?? "");
        const next = Number(raw);
        if (!/^-?\d{1,13}$/.test(raw) || Math.abs(next) > MAX_OFFSET_MS) {
          res.status(400).json({ error: "offsetMs: a whole number of milliseconds" });
          return;
        }
        res.setHeader("Set-Cookie", `${COOKIE}=${next}; Path=/; SameSite=Lax`);
        res.json({ offsetMs: next, now: new Date(withClockOffset(next, nowMs)).toISOString() });
        return;
      }
      res.json({ offsetMs: offset, now: new Date(withClockOffset(offset, nowMs)).toISOString() });
      return;
    }
    if (req.path === TEST_JOB_PATH && req.method === "POST") {
      // Background jobs keep the real clock; a journey that moved its clock asks for the job at its time.
      const now = new Date(withClockOffset(offset, nowMs));
      runTestJob(String(req.query.name ?? ""), now).then(
        (outcome) => res.status(outcome ? 200 : 404).json(outcome ?? { error: "no such job" }),
        (error: unknown) => res.status(500).json({ error: String(error) }),
      );
      return;
    }
    withClockOffset(offset, next);
  };
}

/** One job of the registry (app/domains/jobs/portal-jobs.server.ts) run once at `now`; null when unknown. */
async function runTestJob(name: string, now: Date) {
  const [{ portalJobs }, { getDb }] = await Promise.all([
    import("../app/domains/jobs/portal-jobs.server"),
    import("../app/utils/db.server"),
  ]);
  const job = portalJobs(undefined).find((candidate) => candidate.name === name);
  if (!job) return null;
  const outcome = await job.run({ db: await getDb(), now });
  return { name, now: now.toISOString(), summary: outcome?.summary ?? null };
}
