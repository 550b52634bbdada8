/**
 * The notification pages' server side: the inbox, the preferences form, the dead-letter page, the
 * outbox permission's migration and the demo seed's notifications.
 */
import { and, eq, notLike, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { demoAccounts, demoVolunteerAccounts, seedDemoData } from "#db/seed";
import { rolePermissions, users } from "#db/schema/accounts";
import { emailOutbox, notificationPreferences, notifications } from "#db/schema/notifications";
import { rolePermissionSeed } from "~/domains/permission-registry";
import type { Role } from "~/domains/accounts/roles";
import { createSession } from "~/domains/accounts/sessions.server";
import { getNotificationPreferences } from "~/domains/notifications/inbox.server";
import { notify } from "~/domains/notifications/notify.server";
import { saveNotificationPreferences } from "~/domains/notifications/preferences.server";
import { languageCookie } from "~/i18n.server";
import * as adminOutbox from "~/routes/admin.outbox";
import * as inbox from "~/routes/notifications";
import * as settings from "~/routes/settings.notifications";
import type { Database } from "~/utils/db.server";
import { createUser } from "#tests/fixtures/factories";
import { flashOf } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;

beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});

async function tellUser(user: { id: string; email: string }, key: string, name = "恒达制造有限公司") {
  return notify(db, {
    template: "organization-status",
    data: { organizationName: name, status: "verified" },
    to: { email: user.email, language: "zh-CN", userId: user.id },
    idempotencyKey: key,
  });
}

async function requestAs(
  user: { id: string; role: Role },
  path: string,
  form?: Record<string, string | string[]>,
  language = "zh-CN",
) {
  const session = await createSession(db, { userId: user.id, role: user.role, twoFactorVerified: true });
  const languageChoice = (await languageCookie.serialize(language)).split(";")[0];
  const headers = new Headers({ Cookie: `session=${session.token}; ${languageChoice}` });
  let body: URLSearchParams | undefined;
  if (form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
  }
  return new Request(`http://portal.test${path}`, { method: form ? "POST" : "GET", headers, body });
}

const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } });

/** Plain data, or the data inside data(…, { status }) with that status. */
function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const wrapped = result as { data: Record<string, unknown>; init?: { status?: number } };
    return { status: wrapped.init?.status ?? 200, body: wrapped.data };
  }
  return { status: 200, body: result as Record<string, unknown> };
}

describe("outbox permission migration", () => {
  it("grants manage:outbox:any to system admins only, as the code's table says", async () => {
    const holders = await db
      .select({ role: rolePermissions.role })
      .from(rolePermissions)
      .where(eq(rolePermissions.permission, "manage:outbox:any"));
    expect(holders.map((row) => row.role)).toEqual(["system_admin"]);
    expect(rolePermissionSeed.system_admin).toContain("manage:outbox:any");
    expect(rolePermissionSeed.bureau_admin).not.toContain("manage:outbox:any");
  });
});

describe("inbox page", () => {
  it("lists only the user's own notifications, newest first, in the reader's language", async () => {
    const reader = await createUser(db, "volunteer");
    const other = await createUser(db, "volunteer");
    await tellUser(reader, "a", "甲机构");
    await tellUser(reader, "b", "乙机构");
    await tellUser(other, "c", "别人的机构");

    const page = await inbox.loader(args(await requestAs(reader, "/notifications")));
    expect(page.total).toBe(2);
    expect(page.unread).toBe(2);
    expect(page.items.map((item) => item.body)).toEqual([
      "乙机构 的状态已更新为：已通过审核。",
      "甲机构 的状态已更新为：已通过审核。",
    ]);
    expect(page.items[0]).not.toHaveProperty("data");

    const english = await inbox.loader(args(await requestAs(reader, "/notifications", undefined, "en")));
    expect(english.items[0]?.title).toBe("Organization review result");
  });

  it("marks one as read, refuses someone else's with 404, and marks all", async () => {
    const reader = await createUser(db, "volunteer");
    const other = await createUser(db, "volunteer");
    const first = await tellUser(reader, "a");
    await tellUser(reader, "b");
    const foreign = await tellUser(other, "c");

    // Post/redirect/get back to the page the button was on, the message in the flash.
    const read = await inbox.action(
      args(
        await requestAs(reader, "/notifications?page=1", {
          intent: "read",
          notificationId: first.notificationId!,
        }),
      ),
    );
    expect(read).toBeInstanceOf(Response);
    expect([(read as Response).status, (read as Response).headers.get("Location")]).toEqual([
      302,
      "/notifications?page=1",
    ]);
    expect(flashOf(read)).toEqual({
      kind: "success",
      message: "notifications:inbox.markedRead",
      values: { count: 1 },
    });

    const stolen = unwrap(
      await inbox.action(
        args(
          await requestAs(reader, "/notifications", {
            intent: "read",
            notificationId: foreign.notificationId!,
          }),
        ),
      ),
    );
    expect(stolen).toMatchObject({ status: 404, body: { formError: "notifications:inbox.notFound" } });
    const malformed = unwrap(
      await inbox.action(
        args(await requestAs(reader, "/notifications", { intent: "read", notificationId: "nope" })),
      ),
    );
    expect(malformed).toMatchObject({ status: 400, body: { formError: "notifications:inbox.notFound" } });
    const [foreignRow] = await db
      .select()
      .from(notifications)
      .where(eq(notifications.id, foreign.notificationId!));
    expect(foreignRow?.readAt).toBeNull();

    const all = await inbox.action(args(await requestAs(reader, "/notifications", { intent: "read-all" })));
    expect(flashOf(all)).toEqual({
      kind: "success",
      message: "notifications:inbox.markedAllRead",
      values: { count: 1 },
    });
    const page = await inbox.loader(args(await requestAs(reader, "/notifications")));
    expect(page.unread).toBe(0);
  });
});

describe("notification preferences", () => {
  it("saves every choice of the form in one go", async () => {
    const staff = await createUser(db, "office_staff");
    const result = await saveNotificationPreferences(db, staff.id, [
      { kind: "organization-status", emailEnabled: false, weeklyDigest: false },
      { kind: "registration-received", emailEnabled: true, weeklyDigest: true },
    ]);
    expect(result).toEqual({ ok: true });
    const stored = await getNotificationPreferences(db, staff.id);
    expect(stored.find((row) => row.kind === "organization-status")).toMatchObject({
      emailEnabled: false,
      weeklyDigest: false,
    });
    expect(stored.find((row) => row.kind === "registration-received")).toMatchObject({
      emailEnabled: true,
      weeklyDigest: true,
    });
  });

  it("refuses a digest without email, a digest for non-staff and security kinds, writing nothing", async () => {
    const staff = await createUser(db, "office_staff");
    const volunteer = await createUser(db, "volunteer");
    expect(
      await saveNotificationPreferences(db, staff.id, [
        { kind: "organization-status", emailEnabled: false, weeklyDigest: true },
      ]),
    ).toEqual({
      ok: false,
      errors: [{ kind: "organization-status", field: "digest", code: "digest_needs_email" }],
    });
    expect(
      await saveNotificationPreferences(db, volunteer.id, [
        { kind: "organization-status", emailEnabled: false },
        { kind: "registration-received", emailEnabled: true, weeklyDigest: true },
      ]),
    ).toEqual({
      ok: false,
      errors: [{ kind: "registration-received", field: "digest", code: "digest_staff_only" }],
    });
    expect(
      await saveNotificationPreferences(db, volunteer.id, [{ kind: "password-reset", emailEnabled: false }]),
    ).toEqual({ ok: false, errors: [{ kind: "password-reset", field: "email", code: "security_kind" }] });
    // The first choice of the rejected volunteer form was rolled back with the rest.
    expect(await db.select().from(notificationPreferences)).toEqual([]);
  });

  it("settings page: lists changeable and locked kinds, offers the digest to staff only", async () => {
    const volunteer = await createUser(db, "volunteer");
    const staff = await createUser(db, "bureau_admin");
    const forVolunteer = await settings.loader(args(await requestAs(volunteer, "/settings/notifications")));
    expect(forVolunteer.digestAvailable).toBe(false);
    const volunteerKinds = forVolunteer.choices.map((choice) => choice.kind);
    expect(volunteerKinds).toEqual(
      expect.arrayContaining(["registration-received", "activity-signup-confirmed", "hour-record-decided"]),
    );
    // Kinds meant for other roles are not offered.
    expect(volunteerKinds).not.toContain("volunteer-vetting-requested");
    expect(volunteerKinds).not.toContain("activity-withdrawal");
    expect(forVolunteer.securityKinds).toContain("password-reset");
    const forStaff = await settings.loader(args(await requestAs(staff, "/settings/notifications")));
    expect(forStaff.digestAvailable).toBe(true);
    const staffKinds = forStaff.choices.map((choice) => choice.kind);
    expect(staffKinds).toContain("volunteer-vetting-requested");
    expect(staffKinds).not.toContain("star-level-reached");
  });

  it("settings form: unticked boxes turn email off; errors come back per field with what was ticked", async () => {
    const volunteer = await createUser(db, "volunteer");
    const saved = (await settings.action(
      args(
        await requestAs(volunteer, "/settings/notifications", {
          kind: ["organization-status", "registration-received"],
          "email:registration-received": "on",
        }),
      ),
    )) as Response;
    // Post/redirect/get, with the "saved" message in the flash cookie.
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe("/settings/notifications");
    expect(saved.headers.get("Set-Cookie")).toMatch(/^flash=/);
    const stored = await getNotificationPreferences(db, volunteer.id);
    expect(stored.find((row) => row.kind === "organization-status")?.emailEnabled).toBe(false);
    expect(stored.find((row) => row.kind === "registration-received")?.emailEnabled).toBe(true);

    const staff = await createUser(db, "office_staff");
    const rejected = unwrap(
      await settings.action(
        args(
          await requestAs(staff, "/settings/notifications", {
            kind: ["organization-status"],
            "digest:organization-status": "on",
          }),
        ),
      ),
    );
    expect(rejected.status).toBe(400);
    expect(rejected.body).toMatchObject({
      errors: {
        "digest:organization-status": { message: "notifications:settings.errors.digestNeedsEmail" },
      },
      values: { "digest:organization-status": "on" },
    });

    const tampered = unwrap(
      await settings.action(
        args(await requestAs(volunteer, "/settings/notifications", { kind: ["x"], "evil field": "1" })),
      ),
    );
    expect(tampered.status).toBe(400);
  });
});

describe("dead-letter page", () => {
  it("lists dead mail without its data and queues it again once", async () => {
    const admin = await createUser(db, "system_admin");
    const user = await createUser(db, "volunteer");
    const { outboxId } = await tellUser(user, "dead-one");
    await db
      .update(emailOutbox)
      .set({ status: "dead", attempts: 10, lastError: "500: provider down" })
      .where(eq(emailOutbox.id, outboxId!));

    const page = await adminOutbox.loader(args(await requestAs(admin, "/admin/outbox")));
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: outboxId,
      kind: "机构审核结果",
      recipientEmail: user.email,
      attempts: 10,
      lastError: "500: provider down",
    });
    expect(page.items[0]).not.toHaveProperty("data");

    const form = { outboxId: outboxId!, recipient: user.email };
    const retried = await adminOutbox.action(args(await requestAs(admin, "/admin/outbox", form)));
    expect(retried).toBeInstanceOf(Response);
    expect([(retried as Response).status, (retried as Response).headers.get("Location")]).toEqual([
      302,
      "/admin/outbox",
    ]);
    expect(flashOf(retried)).toEqual({
      kind: "success",
      message: "notifications:outbox.retried",
      values: { recipient: user.email },
    });
    // A double click or another admin: said in place, not retried twice.
    const again = unwrap(await adminOutbox.action(args(await requestAs(admin, "/admin/outbox", form))));
    expect(again).toMatchObject({ status: 409, body: { formError: "notifications:outbox.notDead" } });
    const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, outboxId!));
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("demo seed", () => {
  it("tells the demo users about their registrations through notify()", async () => {
    await seedDemoData(db);
    // The matching demo's referral mails are checked in tests/integration/matching.test.ts.
    const rows = (
      await db
        .select({ email: users.email, kind: notifications.kind })
        .from(notifications)
        .innerJoin(users, eq(users.id, notifications.userId))
    ).filter((row) => !row.kind.startsWith("referral-"));
    const enterprise = rows.filter((row) => row.email === "enterprise@demo.portal").map((row) => row.kind);
    // Its registration, and (employment demo) the referrals to its offers.
    expect(enterprise.filter((kind) => !kind.startsWith("employment-")).sort()).toEqual([
      "organization-status",
      "registration-received",
    ]);
    expect(enterprise).toContain("employment-referral-received");
    expect(rows.some((row) => row.email === "lawfirm@demo.portal")).toBe(true);
    // One outbox row per notification, ready for the dispatcher (→ the dev mailbox after `npm start`).
    const [outbox] = await db
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(emailOutbox)
      .where(and(eq(emailOutbox.status, "pending"), notLike(emailOutbox.template, "referral-%")));
    expect(outbox?.count).toBe(rows.length);
    const demoEmails = [...demoAccounts, ...demoVolunteerAccounts].map((account) => account.email);
    expect(rows.every((row) => demoEmails.includes(row.email))).toBe(true);
  });
});
