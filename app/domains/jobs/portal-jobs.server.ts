import { finalizeDueAwards } from "~/domains/awards/nominations.server";
import { runOfferDeadlines } from "~/domains/employment/offers.server";
import { sendDueCheckinReminders } from "~/domains/employment/retention.server";
import { pruneLoginAttempts } from "~/domains/accounts/rate-limit.server";
import { pruneRateLimitCounters } from "~/domains/accounts/request-limits.server";
import { deleteExpiredSessions } from "~/domains/accounts/sessions.server";
import { sendOpenNeedsDigests } from "~/domains/matching/digest.server";
import { expireOverdueReferrals } from "~/domains/matching/referrals.server";
import { sendWeeklyDigests } from "~/domains/notifications/digest.server";
import { sendOversightDigests } from "~/domains/oversight/digest.server";
import { refreshOversightFigures } from "~/domains/oversight/refresh.server";
import { digestTimeAtOrBefore } from "~/domains/notifications/digest-schedule";
import { createDispatcherFromEnv, type Dispatcher } from "~/domains/notifications/dispatcher.server";
import { closeOverdueCheckins } from "~/domains/volunteers/checkin.server";
import type { Database } from "~/utils/db.server";
import type { Env } from "~/utils/env.server";
import { pruneFormSubmissions } from "./housekeeping.server";
import { createJobRunner, type JobDefinition, type JobRunner } from "./registry.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every recurring job of the portal. A domain with recurring work adds its job here (and nothing
 * else): the web process and `npm run dispatch` both run this list through {@link startPortalJobs}.
 */
export function portalJobs(dispatcher: Dispatcher | undefined): JobDefinition[] {
  const jobs: JobDefinition[] = [
    {
      name: "weekly-digests",
      intervalMs: 5 * MINUTE,
      async run({ db, now }) {
        const result = await sendWeeklyDigests(db, now);
        const failures = result.failures.map((failure) => `${failure.userId}: ${failure.message}`);
        if (failures.length > 0) throw new Error(`weekly digest failed for ${failures.join("; ")}`);
        return result.queued > 0 ? { summary: `queued ${result.queued} weekly digest(s)` } : undefined;
      },
    },
    {
      name: "overdue-checkins",
      intervalMs: MINUTE,
      async run({ db, now }) {
        const result = await closeOverdueCheckins(db, now);
        if (result.closed + result.discarded === 0) return;
        return { summary: `auto check-out: ${result.closed} closed, ${result.discarded} without minutes` };
      },
    },
    {
      // Awards whose public notice ended without an open objection become final (certificate number).
      name: "finalize-awards",
      intervalMs: HOUR,
      async run({ db, now }) {
        const { finalized } = await finalizeDueAwards(db, now);
        return finalized > 0 ? { summary: `${finalized} award(s) made final` } : undefined;
      },
    },
    {
      // Retention check-ins (30/90/180 days after a hire) come due by the clock: mail each once.
      name: "employment-retention-checkins",
      intervalMs: 15 * MINUTE,
      async run({ db, now }) {
        const result = await sendDueCheckinReminders(db, now);
        return result.reminded > 0 ? { summary: `check-in due: ${result.reminded} reminder(s)` } : undefined;
      },
    },
    {
      name: "employment-offer-deadlines",
      intervalMs: HOUR,
      async run({ db, now }) {
        const result = await runOfferDeadlines(db, now);
        if (result.noticed + result.closed === 0) return;
        return { summary: `offers: ${result.noticed} closing soon, ${result.closed} closed` };
      },
    },
    {
      // Unanswered referrals expire (2 working days + grace) and their needs go back to the board.
      name: "referral-expiry",
      intervalMs: 5 * MINUTE,
      async run({ db, now }) {
        const result = await expireOverdueReferrals(db, now);
        if (result.expired === 0) return;
        return {
          summary: `expired ${result.expired} referral(s)`,
          again: result.expired === result.batchSize,
        };
      },
    },
    {
      // Monday 08:00 Beijing: each office's open, referred and overdue needs (once per week and user).
      name: "open-needs-digest",
      intervalMs: 15 * MINUTE,
      async run({ db, now }) {
        if (now.getTime() - digestTimeAtOrBefore(now).getTime() > 6 * HOUR) return;
        const result = await sendOpenNeedsDigests(db, now);
        return result.queued > 0 ? { summary: `queued ${result.queued} open-needs digest(s)` } : undefined;
      },
    },
    {
      // Monday 08:00 Beijing: each office's staff and bureau's admins get what waits for their action.
      name: "oversight-digest",
      intervalMs: 15 * MINUTE,
      leaseMs: 15 * MINUTE,
      async run({ db, now }) {
        if (now.getTime() - digestTimeAtOrBefore(now).getTime() > 6 * HOUR) return;
        const result = await sendOversightDigests(db, now);
        return result.queued > 0 ? { summary: `queued ${result.queued} oversight digest(s)` } : undefined;
      },
    },
    {
      // The dashboards' summary rows, rebuilt from the raw records (the pages show when).
      name: "oversight-refresh",
      intervalMs: 10 * MINUTE,
      leaseMs: 15 * MINUTE,
      async run({ db, now }) {
        const result = await refreshOversightFigures(db, now);
        return {
          summary: `oversight figures v${result.version}: ${result.rows} rows in ${result.durationMs} ms`,
        };
      },
    },
    {
      name: "prune-login-attempts",
      intervalMs: HOUR,
      run: ({ db, now }) => pruneLoginAttempts(db, now),
    },
    {
      name: "prune-expired-sessions",
      intervalMs: HOUR,
      run: ({ db, now }) => deleteExpiredSessions(db, now),
    },
    {
      name: "prune-rate-limit-counters",
      intervalMs: 10 * MINUTE,
      run: async ({ db, now }) => void (await pruneRateLimitCounters(db, now)),
    },
    {
      name: "prune-form-submissions",
      intervalMs: 24 * HOUR,
      run: async ({ db, now }) => void (await pruneFormSubmissions(db, now)),
    },
  ];
  if (dispatcher) {
    jobs.push({
      // Every instance delivers: the dispatcher claims outbox rows with SKIP LOCKED and leases.
      name: "email-dispatch",
      mode: "concurrent",
      intervalMs: 1_500,
      async run() {
        const report = await dispatcher.runOnce();
        return { again: report.claimed === dispatcher.batchSize };
      },
    });
  }
  return jobs;
}

/**
 * Starts the portal's background work in this process: the one wiring of `server/index.ts` and
 * `scripts/dispatch.ts`. Email delivery only when `withDispatcher` (DISPATCHER_ENABLED in the web
 * process); the guarded jobs always, since they run once across instances anyway.
 */
export function startPortalJobs(
  env: Env,
  db: Database,
  options: { withDispatcher: boolean },
): { runner: JobRunner; dispatcher?: Dispatcher } {
  const dispatcher = options.withDispatcher ? createDispatcherFromEnv(env, db) : undefined;
  const minimum = { debug: 0, info: 1, warn: 2, error: 3 }[env.LOG_LEVEL];
  const runner = createJobRunner({
    db,
    jobs: portalJobs(dispatcher),
    workerId: dispatcher?.workerId,
    log: (level, message) => {
      if ({ info: 1, warn: 2, error: 3 }[level] >= minimum) console[level](message);
    },
  });
  runner.start();
  return { runner, dispatcher };
}
