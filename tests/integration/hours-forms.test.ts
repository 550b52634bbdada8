/**
 * The hour pages' forms through their routes: check-in / check-out and correction requests carry an
 * idempotency key (one record per rendered form, however often it is sent), and a wrong check-in code
 * stays counted even though the key is given back.
 */
import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { activities, activitySignups, hourCorrections, hourRecords } from "#db/schema/volunteers";
import { currentCheckinCode } from "~/domains/volunteers/checkin-code";
import { approveRecords } from "~/domains/volunteers/hour-review.server";
import { resetClock, setClock } from "~/utils/clock.server";
import type { Database } from "~/utils/db.server";
import { createActivity, createOffice, createUser, createVolunteer } from "#tests/fixtures/factories";
import { routeArgs, signedInRequest, routeCall } from "#tests/fixtures/requests";
import { resetDatabase, testConnection } from "./helpers";

let db: Database;
beforeEach(async () => {
  await resetDatabase();
  db = (await testConnection()).db;
});
afterEach(() => resetClock());

/** 10:00–12:00 on 20 May 2026 in Beijing. */
const START = new Date("2026-05-20T02:00:00Z");

async function setting() {
  const office = await createOffice(db);
  const staff = await createUser(db, "office_staff", {
    organizationId: office.id,
    districtId: office.districtId,
  });
  const volunteer = await createVolunteer(db, { officeId: office.id, districtId: office.districtId! });
  const activity = await createActivity(db, {
    officeId: office.id,
    districtId: office.districtId!,
    createdBy: staff.id,
    startsAt: START,
  });
  await db.insert(activitySignups).values({
    activityId: activity.id,
    volunteerId: volunteer.id,
    status: "confirmed",
  });
  await db
    .update(activities)
    .set({ confirmedCount: sql`${activities.confirmedCount} + 1` })
    .where(eq(activities.id, activity.id));
  return { office, staff, volunteer, activity };
}

describe("check-in and check-out forms", () => {
  it("10 parallel posts of one check-in form make one check-in, each answered as done", async () => {
    const now = new Date(START.getTime() - 10 * 60_000);
    setClock({ fixedAt: now });
    const { volunteer, activity } = await setting();
    const route = await import("~/routes/hours.checkin");
    const page = await routeCall(async () =>
      route.loader(routeArgs(await signedInRequest(db, volunteer, "/hours/checkin"))),
    );
    const submissionKey = page.body.submissionKey as string;
    expect(submissionKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const form = {
      submissionKey,
      intent: "checkin",
      activityId: activity.id,
      checkinCode: currentCheckinCode(activity.checkinSecret, now),
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        routeCall(async () =>
          route.action(routeArgs(await signedInRequest(db, volunteer, "/hours/checkin", { form }))),
        ),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 10 }, () => [302, "/hours/checkin"]),
    );
    expect(
      await db.select().from(hourRecords).where(eq(hourRecords.volunteerId, volunteer.id)),
    ).toMatchObject([{ status: "open", activityId: activity.id }]);
    // Without the form's key (a scripted post) nothing happens.
    const keyless = await routeCall(async () =>
      route.action(
        routeArgs(
          await signedInRequest(db, volunteer, "/hours/checkin", {
            form: { ...form, submissionKey: "", intent: "checkout" },
          }),
        ),
      ),
    );
    expect(keyless.status).toBe(400);
  });

  it("counts a wrong code on every post of one form: replaying it cannot lift the guessing limit", async () => {
    const now = new Date(START.getTime() - 10 * 60_000);
    setClock({ fixedAt: now });
    const { volunteer, activity } = await setting();
    const route = await import("~/routes/hours.checkin");
    const right = currentCheckinCode(activity.checkinSecret, now);
    const form = {
      submissionKey: "k".repeat(22),
      intent: "checkin",
      activityId: activity.id,
      checkinCode: right === "000000" ? "111111" : "000000",
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await routeCall(async () =>
        route.action(routeArgs(await signedInRequest(db, volunteer, "/hours/checkin", { form }))),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toMatchObject({
        checkinCode: { message: "validation:checkin.codeInvalid" },
      });
    }
    const [signup] = await db
      .select({ failed: activitySignups.failedCodeAttempts })
      .from(activitySignups)
      .where(eq(activitySignups.volunteerId, volunteer.id));
    expect(signup?.failed).toBe(3);
    // The refused form's key is usable again: with the right code it checks in.
    const fixed = await routeCall(async () =>
      route.action(
        routeArgs(
          await signedInRequest(db, volunteer, "/hours/checkin", { form: { ...form, checkinCode: right } }),
        ),
      ),
    );
    expect([fixed.status, fixed.location]).toEqual([302, "/hours/checkin"]);
  });
});

describe("correction request form", () => {
  it("10 parallel posts of one correction form make one request, each answered as sent", async () => {
    setClock({ fixedAt: new Date("2026-05-22T02:00:00Z") });
    const { office, staff, volunteer } = await setting();
    const [record] = await db
      .insert(hourRecords)
      .values({
        volunteerId: volunteer.id,
        officeId: office.id,
        districtId: office.districtId!,
        kind: "self_reported",
        serviceDate: "2026-05-19",
        minutes: 90,
        description: "社区走访",
        status: "pending",
      })
      .returning({ id: hourRecords.id });
    const approved = await approveRecords(db, {
      actor: {
        id: staff.id,
        organizationId: office.id,
        districtId: office.districtId,
        ipAddress: "10.0.0.1",
      },
      scope: "office",
      recordIds: [record!.id],
      now: new Date("2026-05-21T02:00:00Z"),
    });
    expect(approved.ok).toBe(true);
    const route = await import("~/routes/hours.$id.correction");
    const path = `/hours/${record!.id}/correction`;
    const params = { id: record!.id };
    const page = await routeCall(async () =>
      route.loader({ ...routeArgs(await signedInRequest(db, volunteer, path)), params }),
    );
    const form = {
      submissionKey: page.body.submissionKey as string,
      hours: "2",
      minutes: "0",
      description: "社区走访",
      reason: "签退时忘记登记后半段",
    };
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () =>
        routeCall(async () =>
          route.action({ ...routeArgs(await signedInRequest(db, volunteer, path, { form })), params }),
        ),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.location])).toEqual(
      Array.from({ length: 10 }, () => [302, "/hours"]),
    );
    expect(
      await db.select().from(hourCorrections).where(eq(hourCorrections.hourRecordId, record!.id)),
    ).toMatchObject([{ proposedMinutes: 120, status: "pending" }]);
  });
});

describe("staff decision forms", () => {
  async function pendingRecord() {
    const { office, staff, volunteer } = await setting();
    const [record] = await db
      .insert(hourRecords)
      .values({
        volunteerId: volunteer.id,
        officeId: office.id,
        districtId: office.districtId!,
        kind: "self_reported",
        serviceDate: "2026-05-19",
        minutes: 90,
        description: "社区走访",
        status: "pending",
      })
      .returning({ id: hourRecords.id });
    return { staff, recordId: record!.id };
  }

  it("refuses a rejection without a reason at that row's form, and approves by flash", async () => {
    const { staff, recordId } = await pendingRecord();
    const route = await import("~/routes/staff.hours._index");
    const path = "/staff/hours?kind=self_reported";
    const post = async (form: Record<string, string | string[]>) =>
      routeCall(async () => route.action(routeArgs(await signedInRequest(db, staff, path, { form }))));
    const refused = await post({ intent: "reject", recordId, reason: "  " });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      form: `reject-${recordId}`,
      errors: { reason: { message: "validation:hourReview.reasonRequired" } },
      values: { recordId },
    });
    const none = await post({ intent: "approve", recordIds: [] });
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({
      form: "bulk-approve",
      errors: { recordIds: { message: "validation:hourReview.selectionRequired" } },
    });
    const approved = await post({ intent: "approve", recordIds: [recordId] });
    expect([approved.status, approved.location]).toEqual([302, "/staff/hours?kind=self_reported"]);
    const [row] = await db.select().from(hourRecords).where(eq(hourRecords.id, recordId));
    expect(row?.status).toBe("approved");
  });
});
