import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { devMailbox, emailOutbox, notificationPreferences, notifications } from "#db/schema/notifications";
import { claimDueEmails, createDispatcher, type Dispatcher } from "~/domains/notifications/dispatcher.server";
import { createSession, validateSessionToken } from "~/domains/accounts/sessions.server";
import {
  countUnread,
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NotificationPreferenceError,
  setNotificationPreference,
} from "~/domains/notifications/inbox.server";
import { getDevMailboxMessage, listDevMailbox } from "~/domains/notifications/mailbox.server";
import { cancelScheduled, notify, type NotifyEvent } from "~/domains/notifications/notify.server";
import { listDeadLetters, retryDeadLetter } from "~/domains/notifications/outbox-admin.server";
import { createDevMailboxTransport, createResendTransport } from "~/domains/notifications/transport.server";
import { connectDatabase, type Database } from "~/utils/db.server";
import { type FakeResend, startFakeResend } from "#tests/fixtures/fake-resend";
import { createUser } from "#tests/fixtures/factories";
import { resetDatabase, testConnection } from "./helpers";

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
});

function resendDispatcher(overrides: Partial<Parameters<typeof createDispatcher>[0]> = {}): Dispatcher {
  return createDispatcher({
    db,
    transport: createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 500 }),
    fromAddress: "no-reply@portal.test",
    appUrl: "http://portal.test",
    backoff: { baseMs: 20, maxMs: 200 },
    ...overrides,
  });
}

/** Runs the dispatcher until `done` holds, as the polling loop would. */
async function runUntil(dispatcher: Dispatcher, done: () => Promise<boolean> | boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("dispatcher did not finish in time");
    await dispatcher.runOnce();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function outboxRows() {
  return db.select().from(emailOutbox);
}

const resetEvent = (key = "reset:1", to = "someone@example.com"): NotifyEvent => ({
  template: "password-reset",
  data: { url: "/reset-password?token=abc", expiresInMinutes: 60 },
  to: { email: to, language: "en" },
  idempotencyKey: key,
});

describe("notify writes in the caller's transaction", () => {
  it("leaves no outbox row when the transaction rolls back", async () => {
    await expect(
      db.transaction(async (tx) => {
        await notify(tx, resetEvent());
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await outboxRows()).toHaveLength(0);
    await resendDispatcher().runOnce();
    expect(fake.emails).toHaveLength(0);
  });

  it("commits exactly one row and delivers exactly one mail", async () => {
    await db.transaction(async (tx) => {
      await notify(tx, resetEvent());
    });
    // A repeated event (double submit, retry) records nothing new.
    const repeat = await notify(db, resetEvent());
    expect(repeat.duplicate).toBe(true);
    expect(await outboxRows()).toHaveLength(1);

    const dispatcher = resendDispatcher();
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    expect(fake.emails).toHaveLength(1);
    const [mail] = fake.emails;
    expect(mail?.to).toEqual(["someone@example.com"]);
    expect(mail?.subject).toBe("Reset your password");
    expect(mail?.from).toBe('"Social-Forces Portal" <no-reply@portal.test>');
    expect(mail?.text).toContain("http://portal.test/reset-password?token=abc");
    expect(mail?.html).toContain("http://portal.test/reset-password?token=abc");
    expect(mail?.idempotencyKey).toBe("reset:1");
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: "sent", attempts: 1, providerMessageId: mail?.id, lockedBy: null });
  });

  it("rejects data that does not fit the template", async () => {
    await expect(
      notify(db, {
        template: "email-verification",
        data: { code: "12", url: "/verify", expiresInMinutes: 10 },
        to: { email: "a@example.com", language: "zh-CN" },
        idempotencyKey: "verify:bad",
      }),
    ).rejects.toThrow(/6-digit/);
  });
});

describe("dispatcher retries", () => {
  it("retries 5xx with one idempotency key and delivers once", async () => {
    await notify(db, resetEvent());
    fake.failNext(3, { kind: "500" });
    await runUntil(resendDispatcher(), () => fake.emails.length > 0);
    expect(fake.requests.map((request) => request.status)).toEqual([500, 500, 500, 200]);
    expect(new Set(fake.requests.map((request) => request.idempotencyKey))).toEqual(new Set(["reset:1"]));
    expect(fake.emails).toHaveLength(1);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: "sent", attempts: 4 });
  });

  it("waits at least Retry-After after a 429", async () => {
    await notify(db, resetEvent());
    fake.failNext(1, { kind: "429", retryAfterSeconds: 1 });
    const dispatcher = resendDispatcher();
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    const [row] = await outboxRows();
    const firstTry = fake.requests[0]!.at;
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(firstTry + 1000 - 50);
    // The tiny backoff alone would allow a retry now; Retry-After must not.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await dispatcher.runOnce()).toMatchObject({ claimed: 0 });
    await runUntil(dispatcher, () => fake.emails.length > 0);
    expect(fake.requests[1]!.at - firstTry).toBeGreaterThanOrEqual(1000 - 50);
  });

  it("treats a provider that does not answer as a transient failure", async () => {
    await notify(db, resetEvent());
    fake.failNext(1, { kind: "hang" });
    await runUntil(resendDispatcher(), () => fake.emails.length > 0);
    expect(fake.requests.map((request) => request.idempotencyKey)).toEqual(["reset:1", "reset:1"]);
    expect(fake.emails).toHaveLength(1);
  });

  it("marks a permanent 4xx dead at once, and an admin retry delivers it", async () => {
    await notify(db, resetEvent());
    const wrongKey = createDispatcher({
      db,
      transport: createResendTransport({ apiKey: "re_wrong", baseUrl: fake.url }),
      fromAddress: "no-reply@portal.test",
      appUrl: "http://portal.test",
    });
    expect(await wrongKey.runOnce()).toMatchObject({ claimed: 1, dead: 1 });
    const dead = await listDeadLetters(db);
    expect(dead.total).toBe(1);
    expect(dead.items[0]?.lastError).toContain("401");
    expect(await retryDeadLetter(db, dead.items[0]!.id)).toBe(true);
    expect(await retryDeadLetter(db, dead.items[0]!.id)).toBe(false);
    expect(await resendDispatcher().runOnce()).toMatchObject({ sent: 1 });
    expect(fake.emails).toHaveLength(1);
  });

  it("gives up after the maximum number of tries", async () => {
    await notify(db, resetEvent());
    fake.failNext(10, { kind: "500" });
    const dispatcher = resendDispatcher({ maxAttempts: 3 });
    await runUntil(dispatcher, async () => (await outboxRows())[0]?.status === "dead");
    expect(fake.requests).toHaveLength(3);
    expect((await outboxRows())[0]).toMatchObject({ attempts: 3, status: "dead" });
  });
});

describe("dispatcher crashes and concurrency", () => {
  it("re-claims the rows of a dispatcher killed mid-send once its lease expires, and the provider delivers once", async () => {
    await notify(db, resetEvent());
    // The dying dispatcher claims the row and its request reaches the provider; then it is killed
    // before it can record the outcome.
    const [claimed] = await claimDueEmails(db, {
      workerId: "killed",
      leaseMs: 400,
      limit: 10,
      maxAttempts: 10,
    });
    expect(claimed).toBeDefined();
    const transport = createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url });
    const firstResult = await transport.send({
      from: "no-reply@portal.test",
      to: claimed!.recipientEmail,
      subject: "Reset your password",
      html: "<p>x</p>",
      text: "x",
      idempotencyKey: claimed!.idempotencyKey,
    });
    expect(firstResult.ok).toBe(true);

    const survivor = resendDispatcher();
    expect(await survivor.runOnce()).toMatchObject({ claimed: 0 }); // lease still held
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await survivor.runOnce()).toMatchObject({ claimed: 1, sent: 1 });

    expect(fake.requests).toHaveLength(2);
    expect(fake.emails).toHaveLength(1);
    const [row] = await outboxRows();
    expect(row).toMatchObject({ status: "sent", attempts: 2, lockedBy: null });
    expect(row!.providerMessageId).toBe(firstResult.ok ? firstResult.providerMessageId : "");
  });

  const serverUrl = inject("testServerUrl");
  it.skipIf(!serverUrl)(
    "two dispatchers on separate connection pools deliver each mail exactly once (needs TEST_DATABASE_URL or DATABASE_URL: PGlite has one connection)",
    async () => {
      const count = 40;
      for (let i = 0; i < count; i++) await notify(db, resetEvent(`bulk:${i}`, `user${i}@example.com`));
      const pools = await Promise.all([
        connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 3 }),
        connectDatabase({ databaseUrl: process.env.DATABASE_URL!, maxConnections: 3 }),
      ]);
      try {
        const dispatchers = pools.map((pool, index) =>
          createDispatcher({
            db: pool.db,
            transport: createResendTransport({ apiKey: fake.apiKey, baseUrl: fake.url }),
            fromAddress: "no-reply@portal.test",
            appUrl: "http://portal.test",
            workerId: `parallel-${index}`,
            batchSize: 3,
          }),
        );
        const reports = await Promise.all(
          dispatchers.map(async (dispatcher) => {
            let sent = 0;
            for (;;) {
              const report = await dispatcher.runOnce();
              sent += report.sent;
              if (report.claimed === 0) return sent;
            }
          }),
        );
        expect(reports[0]! + reports[1]!).toBe(count);
        // Both really worked (otherwise the test proves nothing about concurrency).
        expect(reports[0]).toBeGreaterThan(0);
        expect(reports[1]).toBeGreaterThan(0);
        // Not one duplicate request: SKIP LOCKED, not the provider's idempotency, kept them apart.
        expect(fake.requests).toHaveLength(count);
        expect(new Set(fake.emails.map((email) => email.to[0])).size).toBe(count);
        expect((await outboxRows()).every((row) => row.status === "sent")).toBe(true);
      } finally {
        await Promise.all(pools.map((pool) => pool.close()));
      }
    },
  );
});

describe("scheduled sends", () => {
  it("does not send before send_after, and cancelScheduled withdraws pending sends of the group", async () => {
    const user = await createUser(db, "volunteer");
    const later = new Date(Date.now() + 60 * 60_000);
    const event = (key: string, groupKey: string): NotifyEvent => ({
      template: "organization-status",
      data: { organizationName: "Org", status: "verified" },
      to: { email: user.email, language: "zh-CN", userId: user.id },
      idempotencyKey: key,
      sendAfter: later,
      groupKey,
    });
    await notify(db, event("reminder:1", "booking:1"));
    await notify(db, event("reminder:2", "booking:1"));
    await notify(db, event("reminder:3", "booking:2"));
    expect(await resendDispatcher().runOnce()).toMatchObject({ claimed: 0 });
    // Not due yet: nothing in the inbox or on the bell.
    expect(await countUnread(db, user.id)).toBe(0);
    expect((await listNotifications(db, user.id)).total).toBe(0);

    expect(await db.transaction((tx) => cancelScheduled(tx, "booking:1"))).toBe(2);
    // The withdrawn reminders' in-app notifications are gone; the other one waits for its time.
    const planned = await db.select().from(notifications);
    expect(planned.map((row) => row.idempotencyKey)).toEqual(["reminder:3"]);
    expect(planned[0]!.createdAt.getTime()).toBe(later.getTime());
    const rows = await outboxRows();
    expect(
      rows
        .filter((row) => row.status === "cancelled")
        .map((row) => row.idempotencyKey)
        .sort(),
    ).toEqual(["reminder:1", "reminder:2"]);
    // Due now: only the row of the group that was not cancelled goes out.
    await db.update(emailOutbox).set({ sendAfter: new Date(), nextAttemptAt: new Date() });
    expect(await resendDispatcher().runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(fake.emails).toHaveLength(1);
    expect(await cancelScheduled(db, "booking:2")).toBe(0); // already sent: nothing to withdraw
  });
});

describe("in-app notifications and preferences", () => {
  const statusEvent = (userId: string, email: string, key: string): NotifyEvent => ({
    template: "organization-status",
    data: { organizationName: "Org", status: "suspended", reason: "r" },
    to: { email, language: "en", userId },
    idempotencyKey: key,
  });

  it("writes an in-app notification for user events, none for security mail", async () => {
    const user = await createUser(db, "volunteer");
    const result = await notify(db, statusEvent(user.id, user.email, "status:1"));
    expect(result.notificationId).not.toBeNull();
    const security = await notify(db, {
      ...resetEvent("reset:u"),
      to: { email: user.email, language: "en", userId: user.id },
    });
    expect(security.notificationId).toBeNull();
    expect(security.outboxId).not.toBeNull();
    expect(await db.select().from(notifications)).toHaveLength(1);
  });

  it("lists, counts and marks notifications read, only the user's own", async () => {
    const user = await createUser(db, "volunteer", { email: "a@example.com" });
    const other = await createUser(db, "volunteer", { email: "b@example.com" });
    for (let i = 0; i < 5; i++) await notify(db, statusEvent(user.id, user.email, `s:${i}`));
    await notify(db, statusEvent(other.id, other.email, "other"));

    const page1 = await listNotifications(db, user.id, { page: 1, pageSize: 2 });
    expect(page1).toMatchObject({ total: 5, unread: 5, page: 1, pageSize: 2 });
    expect(page1.items).toHaveLength(2);
    const page3 = await listNotifications(db, user.id, { page: 3, pageSize: 2 });
    expect(page3.items).toHaveLength(1);

    const [first] = page1.items;
    expect(await markNotificationRead(db, other.id, first!.id)).toBe(false);
    expect(await markNotificationRead(db, user.id, first!.id)).toBe(true);
    expect(await countUnread(db, user.id)).toBe(4);
    // The page header reads the same number with the session, in one statement.
    const { token } = await createSession(db, {
      userId: user.id,
      role: "volunteer",
      twoFactorVerified: true,
    });
    const { token: otherToken } = await createSession(db, {
      userId: other.id,
      role: "volunteer",
      twoFactorVerified: true,
    });
    const withCount = { withUnreadCount: true };
    expect((await validateSessionToken(db, token, undefined, withCount))?.unreadNotifications).toBe(4);
    expect((await validateSessionToken(db, otherToken, undefined, withCount))?.unreadNotifications).toBe(1);
    expect((await validateSessionToken(db, token))?.unreadNotifications).toBe(0);
    expect(await markAllNotificationsRead(db, user.id)).toBe(4);
    expect(await countUnread(db, user.id)).toBe(0);
    expect((await validateSessionToken(db, token, undefined, withCount))?.unreadNotifications).toBe(0);
    expect(await countUnread(db, other.id)).toBe(1);
  });

  it("respects email preferences, except for security mail", async () => {
    const user = await createUser(db, "volunteer");
    await setNotificationPreference(db, user.id, "organization-status", { emailEnabled: false });
    const result = await notify(db, statusEvent(user.id, user.email, "status:off"));
    expect(result).toMatchObject({ emailSuppressed: true, outboxId: null });
    expect(result.notificationId).not.toBeNull();

    await expect(
      setNotificationPreference(db, user.id, "password-reset", { emailEnabled: false }),
    ).rejects.toEqual(new NotificationPreferenceError("security_kind"));
    // Even a stray row cannot silence security mail.
    await db
      .insert(notificationPreferences)
      .values({ userId: user.id, kind: "new-sign-in", emailEnabled: false });
    const signIn = await notify(db, {
      template: "new-sign-in",
      data: { signedInAt: new Date().toISOString(), ipAddress: "203.0.113.1", browser: "Firefox" },
      to: { email: user.email, language: "zh-CN", userId: user.id },
      idempotencyKey: "signin:1",
    });
    expect(signIn.outboxId).not.toBeNull();

    const preferences = await getNotificationPreferences(db, user.id);
    expect(preferences.find((p) => p.kind === "organization-status")).toMatchObject({ emailEnabled: false });
    expect(preferences.find((p) => p.kind === "new-sign-in")).toMatchObject({
      emailEnabled: true,
      locked: true,
    });
  });

  it("offers the weekly digest to staff only", async () => {
    const volunteer = await createUser(db, "volunteer", { email: "v@example.com" });
    await expect(
      setNotificationPreference(db, volunteer.id, "organization-status", { weeklyDigest: true }),
    ).rejects.toEqual(new NotificationPreferenceError("digest_staff_only"));
    const staff = await createUser(db, "office_staff", { email: "s@example.com" });
    expect(
      await setNotificationPreference(db, staff.id, "organization-status", { weeklyDigest: true }),
    ).toMatchObject({ weeklyDigest: true, emailEnabled: true });
  });
});

describe("development mailbox", () => {
  it("keeps delivered mail in the database when no API key is configured, once per idempotency key", async () => {
    await notify(db, resetEvent("reset:dev", "dev@example.com"));
    const dispatcher = createDispatcher({
      db,
      transport: createDevMailboxTransport(db),
      fromAddress: "no-reply@portal.test",
      appUrl: "http://portal.test",
    });
    expect(await dispatcher.runOnce()).toMatchObject({ sent: 1 });
    // A retry of the same key (e.g. after a crash) does not add a second copy.
    await createDevMailboxTransport(db).send({
      from: "x",
      to: "dev@example.com",
      subject: "again",
      html: "",
      text: "",
      idempotencyKey: "reset:dev",
    });
    expect(await db.select().from(devMailbox)).toHaveLength(1);
    expect(fake.requests).toHaveLength(0);

    const list = await listDevMailbox(db);
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ toAddress: "dev@example.com", subject: "Reset your password" });
    const message = await getDevMailboxMessage(db, list.items[0]!.id);
    expect(message?.text).toContain("http://portal.test/reset-password?token=abc");
    expect(await getDevMailboxMessage(db, "not-a-uuid")).toBeNull();
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, "reset:dev"));
    expect(row?.providerMessageId).toBe(`dev-${list.items[0]!.id}`);
  });
});
