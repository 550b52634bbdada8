/**
 * The job registry and the injectable clock (ADR 006): time is moved, never waited for; a guarded job
 * runs once however many instances ask at the same moment; every recurring job of the portal is
 * registered and prunes what it should.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { formSubmissions, loginAttempts, organizations, sessions, users } from "#db/schema/accounts";
import { jobRuns, rateLimitCounters } from "#db/schema/system";
import { activities, activitySignups, hourRecords, volunteerProfiles } from "#db/schema/volunteers";
import { createSession } from "~/domains/accounts/sessions.server";
import { hitRateLimit } from "~/domains/accounts/request-limits.server";
import { portalJobs } from "~/domains/jobs/portal-jobs.server";
import { createJobRunner, type JobDefinition, runJob } from "~/domains/jobs/registry.server";
import { currentCheckinCode, newCheckinSecret } from "~/domains/volunteers/checkin-code";
import { checkIn } from "~/domains/volunteers/checkin.server";
import { advanceClock, now, resetClock, setClock } from "~/utils/clock.server";
import { connectDatabase, type Database } from "~/utils/db.server";
import { resetDatabase, testConnection } from "./helpers";

const MINUTE = 60_000;
/** 2026-05-16 09:30–12:00 in Beijing. */
const START = new Date("2026-05-16T01:30:00Z");
const END = new Date("2026-05-16T04:00:00Z");
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MINUTE);

let db: Database;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});
afterEach(() => resetClock());

async function insertUser(
  values: Partial<typeof users.$inferInsert> & { role: typeof users.$inferInsert.role },
) {
  const [user] = await db
    .insert(users)
    .values({
      email: `${crypto.randomUUID()}@jobs.test`,
      displayName: "用户",
      emailVerifiedAt: START,
      ...values,
    })
    .returning();
  return user!.id;
}

/** An activity of 城关 with one confirmed, approved volunteer checked in half an hour after its start. */
async function openCheckin() {
  const [bureau] = await db
    .insert(organizations)
    .values({ kind: "bureau", name: "甲区司法局", status: "verified" })
    .returning();
  const [office] = await db
    .insert(organizations)
    .values({ kind: "office", name: "甲所", districtId: bureau!.id, status: "verified" })
    .returning();
  const staff = await insertUser({ role: "office_staff", organizationId: office!.id });
  const volunteer = await insertUser({ role: "volunteer" });
  await db.insert(volunteerProfiles).values({
    userId: volunteer,
    volunteerNumber: "V2026000001",
    status: "approved",
    legalName: "志愿者",
    idNumberCiphertext: "ciphertext",
    idNumberHash: "hash-1",
    gender: "female",
    birthDate: "1990-01-01",
    phone: "13800000000",
    homeOfficeId: office!.id,
    districtId: bureau!.id,
    emergencyContactName: "联系人",
    emergencyContactPhone: "13900000000",
    termsVersion: "2026-01",
    termsAcceptedAt: START,
    decidedAt: START,
    decidedBy: staff,
  });
  const [event] = await db
    .insert(activities)
    .values({
      organizerId: office!.id,
      officeId: office!.id,
      districtId: bureau!.id,
      createdBy: staff,
      title: "社区普法宣传",
      description: "进社区",
      category: "community",
      place: "甲所",
      startsAt: START,
      endsAt: END,
      capacity: 5,
      confirmedCount: 1,
      checkinSecret: newCheckinSecret(),
    })
    .returning();
  await db
    .insert(activitySignups)
    .values({ activityId: event!.id, volunteerId: volunteer, status: "confirmed" });
  const checkedInAt = at(START, 30);
  const result = await checkIn(db, {
    volunteerId: volunteer,
    activityId: event!.id,
    code: currentCheckinCode(event!.checkinSecret, checkedInAt),
    now: checkedInAt,
  });
  if (!result.ok) throw new Error(`check-in failed: ${result.error}`);
  return result.recordId;
}

async function recordOf(id: string) {
  return (await db.select().from(hourRecords).where(eq(hourRecords.id, id)))[0]!;
}

describe("the clock", () => {
  it("stands still when fixed and moves only when told", () => {
    setClock({ fixedAt: START });
    expect(now()).toEqual(START);
    advanceClock(90 * MINUTE);
    expect(now()).toEqual(at(START, 90));
    resetClock();
    expect(Math.abs(now().getTime() - Date.now())).toBeLessThan(1_000);
  });
});

describe("moving the clock across a deadline", () => {
  it("the overdue check-in job auto-checks-out once the end plus grace has passed, without waiting", async () => {
    const recordId = await openCheckin();
    const runner = createJobRunner({ db, jobs: portalJobs(undefined), workerId: "clock-test" });
    const overdueRun = async () =>
      (await runner.runDue()).find((report) => report.name === "overdue-checkins");

    // 29 minutes after the end: still within the grace period, the check-in stays open.
    setClock({ fixedAt: at(END, 29) });
    expect(await overdueRun()).toMatchObject({ ran: true, outcome: undefined });
    expect((await recordOf(recordId)).status).toBe("open");

    // The job waits for its interval: half a minute on, it does not run again…
    advanceClock(MINUTE / 2);
    expect(await overdueRun()).toBeUndefined();
    // …a minute on, past the deadline, it closes the record at the activity's end.
    advanceClock(MINUTE / 2);
    expect(await overdueRun()).toMatchObject({
      ran: true,
      outcome: { summary: "auto check-out: 1 closed, 0 without minutes" },
    });
    expect(await recordOf(recordId)).toMatchObject({
      status: "pending",
      autoCheckedOut: true,
      checkOutAt: END,
      minutes: 120,
    });
    const [ledger] = await db.select().from(jobRuns).where(eq(jobRuns.name, "overdue-checkins"));
    expect(ledger).toMatchObject({ runCount: 2, leasedBy: null, lastError: null, nextRunAt: at(END, 31) });
  });
});

describe("guarded jobs", () => {
  const counting = (runs: string[], name = "count") =>
    ({
      name,
      intervalMs: 10 * MINUTE,
      async run({ db: jobDb }) {
        runs.push(name);
        // Long enough for a second instance to ask while this run still holds its lease.
        await jobDb.execute(sql`select pg_sleep(0.05)`);
      },
    }) satisfies JobDefinition;

  it("runs once per interval, records its error, and a dead worker's run is taken over after the lease", async () => {
    const runs: string[] = [];
    const job = counting(runs);
    setClock({ fixedAt: START });
    expect(await runJob(db, job, "a", now())).toMatchObject({ ran: true, nextCheckAt: at(START, 10) });
    expect(await runJob(db, job, "b", now())).toMatchObject({ ran: false, nextCheckAt: at(START, 10) });
    expect(runs).toHaveLength(1);

    const failing = { ...job, run: () => Promise.reject(new Error("disk full")) };
    advanceClock(10 * MINUTE);
    expect(await runJob(db, failing, "b", now())).toMatchObject({ ran: true, error: "disk full" });
    expect((await db.select().from(jobRuns))[0]).toMatchObject({ runCount: 2, lastError: "disk full" });

    // A worker claims and dies (never finishes): nobody else runs it while its lease (5 min) holds.
    advanceClock(10 * MINUTE);
    await db.update(jobRuns).set({ nextRunAt: now(), leasedBy: "dead", leaseUntil: at(now(), 5) });
    expect(await runJob(db, job, "c", now())).toMatchObject({ ran: false, nextCheckAt: at(now(), 5) });
    advanceClock(5 * MINUTE);
    expect(await runJob(db, job, "c", now())).toMatchObject({ ran: true });
    expect(runs).toHaveLength(2);
  });

  const serverUrl = inject("testServerUrl");
  it.skipIf(!serverUrl)(
    "two instances on separate connection pools asking at the same moment run a job once (needs TEST_DATABASE_URL or DATABASE_URL: PGlite has one connection)",
    async () => {
      const instances = await Promise.all(
        [0, 1].map(() => connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 2 })),
      );
      try {
        const runs: string[] = [];
        const jobs = [counting(runs, "first"), counting(runs, "second")];
        setClock({ fixedAt: START });
        for (let round = 0; round < 3; round++) {
          const reports = await Promise.all(
            instances.map((instance, index) =>
              createJobRunner({ db: instance.db, jobs, workerId: `instance-${index}` }).runDue(),
            ),
          );
          // Each job ran in exactly one of the two instances this round.
          for (const name of ["first", "second"]) {
            const ran = reports.flat().filter((report) => report.name === name && report.ran);
            expect(ran).toHaveLength(1);
          }
          advanceClock(10 * MINUTE);
        }
        expect(runs.filter((name) => name === "first")).toHaveLength(3);
        expect(runs.filter((name) => name === "second")).toHaveLength(3);
        const ledger = await db.select().from(jobRuns);
        expect(ledger.map((row) => row.runCount)).toEqual([3, 3]);
      } finally {
        await Promise.all(instances.map((instance) => instance.close()));
      }
    },
  );
});

describe("the portal's pruning jobs", () => {
  it("forget old login attempts, expired sessions, ended rate-limit windows and month-old form keys", async () => {
    setClock({ fixedAt: START });
    const user = await insertUser({ role: "volunteer" });
    await db.insert(loginAttempts).values([
      { email: "a@jobs.test", ipAddress: "10.0.0.1", succeeded: false, createdAt: at(START, -11) },
      { email: "a@jobs.test", ipAddress: "10.0.0.1", succeeded: false, createdAt: at(START, -1) },
    ]);
    await createSession(
      db,
      { userId: user, role: "volunteer", twoFactorVerified: true },
      at(START, -60 * 24 * 40),
    );
    await createSession(db, { userId: user, role: "volunteer", twoFactorVerified: true }, START);
    await hitRateLimit(db, { bucket: "test", limit: 1, windowMs: MINUTE }, "k", at(START, -2));
    await hitRateLimit(db, { bucket: "test", limit: 1, windowMs: MINUTE }, "k", START);
    await db.insert(formSubmissions).values([
      {
        userId: user,
        key: "a".repeat(16),
        entity: "hour-record",
        entityId: "1",
        createdAt: at(START, -60 * 24 * 31),
      },
      {
        userId: user,
        key: "b".repeat(16),
        entity: "hour-record",
        entityId: "2",
        createdAt: at(START, -60 * 24 * 29),
      },
    ]);

    const reports = await createJobRunner({ db, jobs: portalJobs(undefined) }).runDue();
    expect(reports.filter((report) => report.error)).toEqual([]);
    expect(reports.map((report) => report.name).sort()).toEqual([
      "employment-offer-deadlines",
      "employment-retention-checkins",
      "finalize-awards",
      "open-needs-digest",
      "overdue-checkins",
      "oversight-digest",
      "oversight-refresh",
      "prune-expired-sessions",
      "prune-form-submissions",
      "prune-login-attempts",
      "prune-rate-limit-counters",
      "referral-expiry",
      "weekly-digests",
    ]);
    expect(await db.select({ createdAt: loginAttempts.createdAt }).from(loginAttempts)).toEqual([
      { createdAt: at(START, -1) },
    ]);
    expect(await db.select().from(sessions)).toHaveLength(1);
    expect(await db.select({ windowStart: rateLimitCounters.windowStart }).from(rateLimitCounters)).toEqual([
      { windowStart: START },
    ]);
    expect(await db.select({ key: formSubmissions.key }).from(formSubmissions)).toEqual([
      { key: "b".repeat(16) },
    ]);
  });
});
