/**
 * The weekly digest for justice staff: notify() holds back the email of a digested kind, and
 * sendWeeklyDigests() queues one digest per user and week through notify().
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { users } from "#db/schema/accounts";
import {
  emailOutbox,
  notificationDigests,
  notificationPreferences,
  notifications,
} from "#db/schema/notifications";
import type { Role } from "~/domains/accounts/roles";
import { digestWeekLabel, nextDigestTime } from "~/domains/notifications/digest-schedule";
import { digestIdempotencyKey, sendWeeklyDigests } from "~/domains/notifications/digest.server";
import { createDispatcher } from "~/domains/notifications/dispatcher.server";
import {
  getNotificationPreferences,
  NotificationPreferenceError,
  setNotificationPreference,
} from "~/domains/notifications/inbox.server";
import { notify } from "~/domains/notifications/notify.server";
import { saveNotificationPreferences } from "~/domains/notifications/preferences.server";
import { createResendTransport } from "~/domains/notifications/transport.server";
import { portalJobs } from "~/domains/jobs/portal-jobs.server";
import { createJobRunner } from "~/domains/jobs/registry.server";
import { advanceClock, resetClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import { type FakeResend, startFakeResend } from "#tests/fixtures/fake-resend";
import { createUser, type TestUser } from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

const WEEK_MS = 7 * 24 * 60 * 60_000;

let db: Database;
let fake: FakeResend;

beforeAll(async () => {
  fake = await startFakeResend();
  db = (await testConnection()).db;
});
afterAll(() => fake.close());
beforeEach(async () => {
  await resetDatabase();
  fake.reset();
});

type User = TestUser;

const tellStatus = (user: User, key: string, organizationName = "恒达制造有限公司") =>
  notify(db, {
    template: "organization-status",
    data: { organizationName, status: "verified", reason: null },
    to: { email: user.email, language: "en", userId: user.id },
    idempotencyKey: key,
  });

const tellRegistration = (user: User, key: string) =>
  notify(db, {
    template: "registration-received",
    data: { registration: "volunteer" },
    to: { email: user.email, language: "en", userId: user.id },
    idempotencyKey: key,
  });

/** A staff member with the digest on for organization-status only. */
async function digestStaff(role: Role = "office_staff") {
  const staff = await createUser(db, role, { language: "en" });
  const saved = await saveNotificationPreferences(db, staff.id, [
    { kind: "organization-status", emailEnabled: true, weeklyDigest: true },
    { kind: "registration-received", emailEnabled: true, weeklyDigest: false },
  ]);
  expect(saved).toEqual({ ok: true });
  return staff;
}

const outboxRows = () => db.select().from(emailOutbox);
const digestRows = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, "weekly-digest"));

interface DigestData {
  weekOf: string;
  total: number;
  groups: { kind: string; count: number; items: { id: string; data: unknown; createdAt: string }[] }[];
}

/** The first digest time after the notifications written so far: the digest that reports them. */
const upcomingDigest = () => nextDigestTime(new Date());

describe("notify() with the weekly digest on", () => {
  it("writes the in-app notification but no individual email for a digested kind", async () => {
    const staff = await digestStaff();
    const result = await tellStatus(staff, "status:1");
    expect(result).toMatchObject({
      digested: true,
      emailSuppressed: false,
      outboxId: null,
      duplicate: false,
    });
    expect(result.notificationId).not.toBeNull();
    expect(await outboxRows()).toHaveLength(0);
    const [row] = await db.select().from(notifications);
    expect(row).toMatchObject({ kind: "organization-status", emailDigest: true, digestId: null });

    // A repeat of the event is still recognised as one.
    expect(await tellStatus(staff, "status:1")).toMatchObject({ duplicate: true, notificationId: null });

    // A kind without the digest is emailed at once, as before.
    const other = await tellRegistration(staff, "registration:1");
    expect(other).toMatchObject({ digested: false });
    expect(other.outboxId).not.toBeNull();
    expect(await db.select().from(notifications)).toHaveLength(2);
  });

  it("never digests security mail, even with a stray digest row", async () => {
    const staff = await createUser(db, "bureau_admin", { language: "en" });
    await db
      .insert(notificationPreferences)
      .values({ userId: staff.id, kind: "new-sign-in", emailEnabled: true, weeklyDigest: true });
    const result = await notify(db, {
      template: "new-sign-in",
      data: { signedInAt: new Date().toISOString(), ipAddress: "203.0.113.9", browser: "Firefox" },
      to: { email: staff.email, language: "en", userId: staff.id },
      idempotencyKey: "signin:1",
    });
    expect(result).toMatchObject({ digested: false });
    expect(result.outboxId).not.toBeNull();
    await expect(
      setNotificationPreference(db, staff.id, "new-sign-in", { weeklyDigest: true }),
    ).rejects.toEqual(new NotificationPreferenceError("security_kind"));
  });

  it("turning email off for the kind sends neither the email nor a digest", async () => {
    const staff = await createUser(db, "office_staff", { language: "en" });
    await setNotificationPreference(db, staff.id, "organization-status", {
      emailEnabled: false,
      weeklyDigest: true,
    });
    expect(await tellStatus(staff, "status:off")).toMatchObject({ emailSuppressed: true, digested: false });
    expect(await sendWeeklyDigests(db, upcomingDigest())).toMatchObject({ queued: 0 });
    expect(await outboxRows()).toHaveLength(0);
  });
});

describe("non-staff users cannot have the digest", () => {
  it("the settings refuse it, and nothing is stored", async () => {
    const volunteer = await createUser(db, "volunteer", { language: "en" });
    const result = await saveNotificationPreferences(db, volunteer.id, [
      { kind: "organization-status", emailEnabled: true, weeklyDigest: true },
    ]);
    expect(result).toEqual({
      ok: false,
      errors: [{ kind: "organization-status", field: "digest", code: "digest_staff_only" }],
    });
    expect(await db.select().from(notificationPreferences)).toHaveLength(0);
  });

  it("a stored choice of a non-staff user (a stray row, or a former staff member) is not honoured", async () => {
    const volunteer = await createUser(db, "volunteer", { language: "en" });
    await db
      .insert(notificationPreferences)
      .values({ userId: volunteer.id, kind: "organization-status", emailEnabled: true, weeklyDigest: true });
    const result = await tellStatus(volunteer, "status:v");
    expect(result).toMatchObject({ digested: false });
    expect(result.outboxId).not.toBeNull();

    const formerStaff = await digestStaff();
    await db
      .update(users)
      .set({ role: "volunteer", organizationId: null })
      .where(eq(users.id, formerStaff.id));
    const after = await tellStatus(formerStaff, "status:former");
    expect(after).toMatchObject({ digested: false });
    expect(after.outboxId).not.toBeNull();
    expect(await sendWeeklyDigests(db, upcomingDigest())).toMatchObject({ queued: 0 });
    expect(await digestRows()).toHaveLength(0);
  });

  it("the digest is not a kind of its own in the settings", async () => {
    const staff = await createUser(db, "office_staff", { language: "en" });
    const kinds = (await getNotificationPreferences(db, staff.id)).map((preference) => preference.kind);
    expect(kinds).toContain("organization-status");
    expect(kinds).not.toContain("weekly-digest");
    await expect(
      setNotificationPreference(db, staff.id, "weekly-digest", { emailEnabled: false }),
    ).rejects.toEqual(new NotificationPreferenceError("unknown_kind"));
  });
});

describe("sendWeeklyDigests", () => {
  it("queues exactly one digest per user with that user's digested notifications, grouped by kind", async () => {
    const staff = await digestStaff();
    await setNotificationPreference(db, staff.id, "registration-received", { weeklyDigest: true });
    const first = await tellStatus(staff, "status:a", "Org A");
    const second = await tellStatus(staff, "status:b", "Org B");
    const third = await tellRegistration(staff, "registration:a");
    // Someone else's digest is separate; a notification emailed at once is in no digest.
    const colleague = await digestStaff("bureau_admin");
    await tellStatus(colleague, "status:colleague");
    await tellRegistration(colleague, "registration:colleague");
    expect(await outboxRows()).toHaveLength(1);

    const weekOf = upcomingDigest();
    const report = await sendWeeklyDigests(db, new Date(weekOf.getTime() + 5 * 60_000));
    expect(report).toMatchObject({ queued: 2, failures: [] });
    expect(report.weekOf.toISOString()).toBe(weekOf.toISOString());

    const [mine] = await db
      .select()
      .from(emailOutbox)
      .where(and(eq(emailOutbox.template, "weekly-digest"), eq(emailOutbox.recipientUserId, staff.id)));
    expect(mine).toMatchObject({
      recipientEmail: staff.email,
      language: "en",
      status: "pending",
      idempotencyKey: `weekly-digest:${staff.id}:${digestWeekLabel(weekOf)}`,
    });
    expect(mine!.idempotencyKey).toBe(digestIdempotencyKey(staff.id, weekOf));
    const data = mine!.data as DigestData;
    expect(data.weekOf).toBe(weekOf.toISOString());
    expect(data.total).toBe(3);
    expect(data.groups.map((group) => [group.kind, group.count])).toEqual([
      ["organization-status", 2],
      ["registration-received", 1],
    ]);
    expect(data.groups[0]!.items.map((item) => item.id).sort()).toEqual(
      [first.notificationId, second.notificationId].sort(),
    );
    expect(data.groups[1]!.items.map((item) => item.id)).toEqual([third.notificationId]);

    // The digest writes no in-app notification of its own; the reported ones point at it.
    expect(await db.select().from(notifications).where(eq(notifications.kind, "weekly-digest"))).toHaveLength(
      0,
    );
    const [digest] = await db
      .select()
      .from(notificationDigests)
      .where(eq(notificationDigests.userId, staff.id));
    expect(digest).toMatchObject({ itemCount: 3, idempotencyKey: mine!.idempotencyKey });
    expect(digest!.weekOf.toISOString()).toBe(weekOf.toISOString());
    const reported = await db.select().from(notifications).where(eq(notifications.digestId, digest!.id));
    expect(reported.map((row) => row.id).sort()).toEqual(
      [first.notificationId, second.notificationId, third.notificationId].sort(),
    );

    // Delivered like any other mail, with a neutral subject and a link to each notification.
    const dispatcher = createDispatcher({
      db,
      transport: createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url }),
      fromAddress: "no-reply@portal.test",
      appUrl: "http://portal.test",
    });
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 3 });
    const mail = fake.emails.find(
      (email) => email.to[0] === staff.email && email.idempotencyKey === mine!.idempotencyKey,
    );
    expect(mail?.subject).toBe("Your weekly notification summary");
    expect(mail?.text).toContain("Organization review result (2)");
    expect(mail?.text).toContain("The status of Org B is now: verified.");
    expect(mail?.text).toContain(`http://portal.test/notifications#notification-${third.notificationId}`);
  });

  it("sends nothing more when run again in the same week, however often and in parallel", async () => {
    const staff = await digestStaff();
    await tellStatus(staff, "status:1");
    const weekOf = upcomingDigest();
    const runs = await Promise.all(
      [0, 1, 2, 3].map((minutes) => sendWeeklyDigests(db, new Date(weekOf.getTime() + minutes * 60_000))),
    );
    expect(runs.reduce((sum, run) => sum + run.queued, 0)).toBe(1);
    expect(runs.flatMap((run) => run.failures)).toEqual([]);
    expect(await sendWeeklyDigests(db, new Date(weekOf.getTime() + 3 * 24 * 60 * 60_000))).toMatchObject({
      queued: 0,
    });
    expect(await digestRows()).toHaveLength(1);
    expect(await db.select().from(notificationDigests)).toHaveLength(1);
  });

  it("a notification recorded after this week's digest waits for next week's; with nothing new, nothing is sent", async () => {
    const staff = await digestStaff();
    await tellStatus(staff, "status:1");
    const weekOf = upcomingDigest();
    expect(await sendWeeklyDigests(db, weekOf)).toMatchObject({ queued: 1 });

    // Recorded later in the same week (it lands before the simulated digest time; what matters is
    // that this week's digest has gone): not a second digest this week, but next week's.
    const late = await tellStatus(staff, "status:late");
    expect(await sendWeeklyDigests(db, new Date(weekOf.getTime() + 60 * 60_000))).toMatchObject({
      queued: 0,
    });
    const nextWeek = new Date(weekOf.getTime() + WEEK_MS);
    expect(await sendWeeklyDigests(db, nextWeek)).toMatchObject({ queued: 1 });
    const digests = await digestRows();
    expect(digests).toHaveLength(2);
    const latest = digests.find((row) => row.idempotencyKey === digestIdempotencyKey(staff.id, nextWeek));
    expect(
      (latest!.data as DigestData).groups.flatMap((group) => group.items.map((item) => item.id)),
    ).toEqual([late.notificationId]);

    // The week after, with nothing new: nothing.
    expect(await sendWeeklyDigests(db, new Date(nextWeek.getTime() + WEEK_MS))).toMatchObject({ queued: 0 });
    expect(await digestRows()).toHaveLength(2);
    expect(
      (await db.select().from(notificationDigests)).map((row) => row.weekOf.toISOString()).sort(),
    ).toEqual([weekOf.toISOString(), nextWeek.toISOString()]);
  });

  it("does nothing for a user with the digest on but nothing to report, nor before the digest time", async () => {
    const staff = await digestStaff();
    expect(await sendWeeklyDigests(db, upcomingDigest())).toMatchObject({ queued: 0 });
    await tellStatus(staff, "status:1");
    // Before this Monday's digest time the notification belongs to the coming digest, not the last one.
    expect(await sendWeeklyDigests(db, new Date(upcomingDigest().getTime() - 60_000))).toMatchObject({
      queued: 0,
    });
    expect(await outboxRows()).toHaveLength(0);
  });

  it("skips deactivated accounts", async () => {
    const staff = await digestStaff();
    await tellStatus(staff, "status:1");
    await db.update(users).set({ status: "deactivated" }).where(eq(users.id, staff.id));
    expect(await sendWeeklyDigests(db, upcomingDigest())).toMatchObject({ queued: 0 });
    expect(await digestRows()).toHaveLength(0);
  });
});

describe("the job registry assembles due digests", () => {
  afterEach(() => resetClock());

  it("queues and delivers a due digest in the same tick, then waits for its interval", async () => {
    const staff = await digestStaff();
    const { notificationId } = await tellStatus(staff, "status:1");
    // Recorded last week: this week's digest time has passed, so it is due now.
    await db
      .update(notifications)
      .set({ createdAt: sql`now() - interval '8 days'` })
      .where(eq(notifications.id, notificationId!));
    const dispatcher = createDispatcher({
      db,
      transport: createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url }),
      fromAddress: "no-reply@portal.test",
      appUrl: "http://portal.test",
    });
    const runner = createJobRunner({ db, jobs: portalJobs(dispatcher), workerId: "digest-test" });
    const digestRun = async () => (await runner.runDue()).find((report) => report.name === "weekly-digests");
    expect(await digestRun()).toMatchObject({ ran: true, outcome: { summary: "queued 1 weekly digest(s)" } });
    expect(fake.emails.map((email) => email.subject)).toEqual(["Your weekly notification summary"]);

    // Another item due: the job's interval has not passed, so no instance looks yet…
    const { notificationId: second } = await tellStatus(staff, "status:2");
    await db
      .update(notifications)
      .set({ createdAt: sql`now() - interval '8 days'` })
      .where(eq(notifications.id, second!));
    expect(await digestRun()).toBeUndefined();
    // …and when it runs again, this week's digest is already sent: the item waits for next week's.
    advanceClock(5 * 60_000);
    expect(await digestRun()).toMatchObject({ ran: true, outcome: undefined });
    expect(fake.emails).toHaveLength(1);
  });
});
