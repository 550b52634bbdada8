/**
 * Two app instances against one database (docs/scaling.md): each wired as the web server's primary
 * process wires itself (`portalJobs` with the email dispatcher, one job runner, its own connection
 * pool). Ticking side by side at the same instants, every guarded job runs once per interval across
 * both, and every queued mail reaches the provider exactly once.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { emailOutbox } from "#db/schema/notifications";
import { jobRuns } from "#db/schema/system";
import { portalJobs } from "~/domains/jobs/portal-jobs.server";
import { createJobRunner } from "~/domains/jobs/registry.server";
import { createDispatcher } from "~/domains/notifications/dispatcher.server";
import { notify } from "~/domains/notifications/notify.server";
import { createResendTransport } from "~/domains/notifications/transport.server";
import { advanceClock, resetClock, setClock } from "~/utils/clock.server";
import { connectDatabase, type Database } from "~/utils/db.server";
import { type FakeResend, startFakeResend } from "#tests/fixtures/fake-resend";
import { resetDatabase, testConnection } from "./helpers";

const MINUTE = 60_000;
let fake: FakeResend;
let db: Database;

beforeAll(async () => {
  fake = await startFakeResend();
  db = (await testConnection()).db;
});
afterAll(() => fake.close());
beforeEach(async () => {
  await resetDatabase();
  fake.reset();
  resetClock();
});

const serverUrl = inject("testServerUrl");

describe("two app instances on one database", () => {
  it.skipIf(!serverUrl)(
    "run each recurring job once per interval and deliver each mail once (needs TEST_DATABASE_URL or DATABASE_URL: PGlite has one connection)",
    async () => {
      const mails = 30;
      for (let index = 0; index < mails; index += 1) {
        await notify(db, {
          template: "password-reset",
          data: { url: `/reset-password?token=t${index}`, expiresInMinutes: 60 },
          to: { email: `person${index}@example.com`, language: "en" },
          idempotencyKey: `two-instances:${index}`,
        });
      }
      const pools = await Promise.all(
        [0, 1].map(() => connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 3 })),
      );
      try {
        const instances = pools.map((pool, index) => {
          const dispatcher = createDispatcher({
            db: pool.db,
            transport: createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url }),
            fromAddress: "no-reply@portal.test",
            appUrl: "http://portal.test",
            workerId: `instance-${index}`,
            batchSize: 4,
          });
          return createJobRunner({
            db: pool.db,
            jobs: portalJobs(dispatcher),
            workerId: `instance-${index}`,
          });
        });
        const guarded = portalJobs(undefined).map((job) => job.name);
        setClock({ fixedAt: new Date("2026-05-18T01:00:00Z") });
        const rounds = 4;
        for (let round = 0; round < rounds; round += 1) {
          const reports = (await Promise.all(instances.map((instance) => instance.runDue()))).flat();
          // Every guarded job that was due ran in exactly one of the two instances.
          for (const name of guarded) {
            const ran = reports.filter((report) => report.name === name && report.ran);
            expect(ran.length, `${name} in round ${round}`).toBeLessThanOrEqual(1);
            if (round === 0) expect(ran, `${name} runs at first sight`).toHaveLength(1);
          }
          // One day later every job is due again (the longest interval is a day).
          advanceClock(24 * 60 * MINUTE + 1);
        }
        // The ledger: each guarded job ran once per round, whichever instance it was.
        const ledger = await db.select().from(jobRuns);
        for (const name of guarded) {
          expect(ledger.find((row) => row.name === name)?.runCount, name).toBe(rounds);
        }
        // Drain what is left of the outbox, both instances at once.
        for (let round = 0; round < 20; round += 1) {
          await Promise.all(instances.map((instance) => instance.runDue()));
          const left = (await db.select().from(emailOutbox)).filter((row) => row.status !== "sent");
          if (left.length === 0) break;
        }
        const outbox = await db.select().from(emailOutbox);
        expect(outbox.every((row) => row.status === "sent")).toBe(true);
        // Exactly one provider request per mail (SKIP LOCKED kept the two instances apart).
        expect(fake.requests).toHaveLength(mails);
        expect(new Set(fake.emails.map((email) => email.to[0])).size).toBe(mails);
      } finally {
        await Promise.all(pools.map((pool) => pool.close()));
      }
    },
  );
});
